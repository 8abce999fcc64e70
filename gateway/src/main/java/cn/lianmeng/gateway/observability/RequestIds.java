package cn.lianmeng.gateway.observability;

import java.util.UUID;
import java.util.regex.Pattern;

/** The correlation id rules of the contract: keep a sane client value, otherwise generate a UUID. */
public final class RequestIds {

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    /** At most 64 characters of {@code [A-Za-z0-9._-]}. */
    public static boolean isSane(String candidate) {
        return candidate != null && SANE.matcher(candidate).matches();
    }

    /** The client's value if it is sane, else a fresh UUID. */
    public static String choose(String clientValue) {
        return isSane(clientValue) ? clientValue : UUID.randomUUID().toString();
    }
}
