package cn.lianmeng.content.item;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import cn.lianmeng.content.config.ContentProperties;
import org.owasp.html.CssSchema;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Allow-list sanitising of rich-text bodies (OWASP Java HTML Sanitizer). What survives: text formatting, headings,
 * paragraphs, lists, quotes, code, tables, links ({@code http}, {@code https}, {@code mailto}, always with
 * {@code rel="noopener noreferrer nofollow"}), images from {@code https}/{@code http} or this service's own files, a
 * few harmless CSS properties, and iframes only when their {@code src} is an {@code https} URL on one of the configured
 * video hosts (then sandboxed). Everything else — scripts, event handlers, {@code javascript:}/{@code data:} URLs,
 * styles, forms, objects, embeds, foreign iframes, {@code srcdoc} — is removed.
 */
@Component
public class HtmlSanitizer {

    private static final Pattern IMAGE_SRC = Pattern.compile("^(https?://[^\\s\"'<>`]+|/api/content/files/[A-Za-z0-9]{1,64})$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER = Pattern.compile("^\\d{1,4}%?$");
    private static final Pattern SPAN = Pattern.compile("^\\d{1,2}$");

    private final PolicyFactory policy;

    @Autowired
    public HtmlSanitizer(ContentProperties properties) {
        this(properties.getVideoIframeHosts());
    }

    public HtmlSanitizer(List<String> videoIframeHosts) {
        HtmlPolicyBuilder b = new HtmlPolicyBuilder()
                .allowElements("p", "div", "span", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
                        "ul", "ol", "li", "dl", "dt", "dd", "strong", "b", "em", "i", "u", "s", "del", "ins", "sub", "sup",
                        "small", "mark", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "figure",
                        "figcaption", "a", "img")
                .allowUrlProtocols("https", "http", "mailto")
                .allowAttributes("href", "title").onElements("a")
                .requireRelsOnLinks("noopener", "noreferrer", "nofollow")
                .allowAttributes("src").matching(IMAGE_SRC).onElements("img")
                .allowAttributes("alt", "title").onElements("img")
                .allowAttributes("width", "height").matching(NUMBER).onElements("img")
                .allowAttributes("colspan", "rowspan").matching(SPAN).onElements("td", "th")
                .allowStyling(CssSchema.withProperties(List.of("text-align", "color", "background-color", "font-weight",
                        "font-style", "text-decoration", "text-indent", "line-height")));
        List<String> hosts = videoIframeHosts == null ? List.of()
                : videoIframeHosts.stream().filter(h -> h != null && !h.isBlank()).map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        if (!hosts.isEmpty()) {
            Pattern iframeSrc = Pattern.compile("^https://(" + hosts.stream().map(Pattern::quote).collect(Collectors.joining("|"))
                    + ")(/[^\\s\"'<>`\\\\]*)?$", Pattern.CASE_INSENSITIVE);
            b.allowAttributes("src").matching(iframeSrc).onElements("iframe")
                    .allowAttributes("width", "height").matching(NUMBER).onElements("iframe")
                    .allowAttributes("allowfullscreen").onElements("iframe")
                    .allowElements((name, attrs) -> {
                        if (!attrs.contains("src")) {
                            return null; // no (allowed) source: drop the whole iframe
                        }
                        attrs.add("sandbox");
                        attrs.add("allow-scripts allow-same-origin allow-presentation");
                        attrs.add("loading");
                        attrs.add("lazy");
                        return name;
                    }, "iframe");
        }
        this.policy = b.toFactory();
    }

    /** The sanitised HTML; null stays null. */
    public String sanitize(String html) {
        return html == null ? null : policy.sanitize(html);
    }
}
