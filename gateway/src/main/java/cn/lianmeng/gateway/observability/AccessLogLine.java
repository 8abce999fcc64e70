package cn.lianmeng.gateway.observability;

/** Formats an access-log line as space-separated {@code key=value} pairs; {@code -} marks an absent value. */
public final class AccessLogLine {

    private AccessLogLine() {
    }

    public static String format(String requestId, String method, String path, String status, long latencyMs,
            String user, String tenant, String clientIp) {
        return "requestId=" + value(requestId)
                + " method=" + value(method)
                + " path=" + value(path)
                + " status=" + value(status)
                + " latencyMs=" + latencyMs
                + " user=" + value(user)
                + " tenant=" + value(tenant)
                + " clientIp=" + value(clientIp);
    }

    /** Never lets a client-controlled value break the line apart. */
    private static String value(String v) {
        if (v == null || v.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            sb.append(Character.isWhitespace(c) || Character.isISOControl(c) ? '_' : c);
        }
        return sb.toString();
    }
}
