package cn.lianmeng.platform.events;

/** Kafka header names: CloudEvents Kafka binding, binary mode (DESIGN §4), plus the tenancy keys. */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    public static final String TENANT = "tenantid";
    public static final String ALLIANCE = "allianceid";

    private CloudEventHeaders() {
    }
}
