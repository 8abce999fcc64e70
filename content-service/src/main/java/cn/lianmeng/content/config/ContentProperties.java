package cn.lianmeng.content.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** {@code lianmeng.content.*}: the settings of content-service that differ between deployments. */
@ConfigurationProperties("lianmeng.content")
public class ContentProperties {

    /**
     * Hosts whose embedded video players ({@code <iframe src="https://host/...">}) rich-text bodies may contain; every
     * other iframe is removed. Empty: no iframes at all.
     */
    private List<String> videoIframeHosts = new ArrayList<>();
    private final Files files = new Files();
    private final Publishing publishing = new Publishing();
    private final Comments comments = new Comments();
    private final Study study = new Study();

    public List<String> getVideoIframeHosts() {
        return videoIframeHosts;
    }

    public void setVideoIframeHosts(List<String> videoIframeHosts) {
        this.videoIframeHosts = videoIframeHosts;
    }

    public Files getFiles() {
        return files;
    }

    public Publishing getPublishing() {
        return publishing;
    }

    public Comments getComments() {
        return comments;
    }

    public Study getStudy() {
        return study;
    }

    public static class Files {
        /** Largest image (JPEG, PNG, GIF, WebP). */
        private DataSize maxImage = DataSize.ofMegabytes(20);
        /** Largest document (PDF). */
        private DataSize maxDocument = DataSize.ofMegabytes(20);
        /** Largest video (MP4, WebM). */
        private DataSize maxVideo = DataSize.ofMegabytes(500);
        /** GridFS chunk size; a range request reads whole chunks, so smaller chunks mean finer seeking. */
        private DataSize chunkSize = DataSize.ofKilobytes(255);

        public DataSize getMaxImage() {
            return maxImage;
        }

        public void setMaxImage(DataSize maxImage) {
            this.maxImage = maxImage;
        }

        public DataSize getMaxDocument() {
            return maxDocument;
        }

        public void setMaxDocument(DataSize maxDocument) {
            this.maxDocument = maxDocument;
        }

        public DataSize getMaxVideo() {
            return maxVideo;
        }

        public void setMaxVideo(DataSize maxVideo) {
            this.maxVideo = maxVideo;
        }

        public DataSize getChunkSize() {
            return chunkSize;
        }

        public void setChunkSize(DataSize chunkSize) {
            this.chunkSize = chunkSize;
        }
    }

    public static class Publishing {
        /** How often the scheduler publishes approved items whose publishing time has come. */
        private Duration schedulerInterval = Duration.ofSeconds(5);

        public Duration getSchedulerInterval() {
            return schedulerInterval;
        }

        public void setSchedulerInterval(Duration schedulerInterval) {
            this.schedulerInterval = schedulerInterval;
        }
    }

    public static class Comments {
        /** Words no comment may contain (checked before anything is stored or shown); alliances add their own. */
        private List<String> forbiddenWords = new ArrayList<>();

        public List<String> getForbiddenWords() {
            return forbiddenWords;
        }

        public void setForbiddenWords(List<String> forbiddenWords) {
            this.forbiddenWords = forbiddenWords;
        }
    }

    public static class Study {
        /** DESIGN §3: members study at least 32 hours a year. */
        private double memberTargetHours = 32;
        /** DESIGN §3: secretaries and committee members at least 56. */
        private double officerTargetHours = 56;
        /** Highest playback rate credited when a video position advances (2 = watching at double speed counts). */
        private double maxPlaybackRate = 2.0;

        public double getMemberTargetHours() {
            return memberTargetHours;
        }

        public void setMemberTargetHours(double memberTargetHours) {
            this.memberTargetHours = memberTargetHours;
        }

        public double getOfficerTargetHours() {
            return officerTargetHours;
        }

        public void setOfficerTargetHours(double officerTargetHours) {
            this.officerTargetHours = officerTargetHours;
        }

        public double getMaxPlaybackRate() {
            return maxPlaybackRate;
        }

        public void setMaxPlaybackRate(double maxPlaybackRate) {
            this.maxPlaybackRate = maxPlaybackRate;
        }
    }
}
