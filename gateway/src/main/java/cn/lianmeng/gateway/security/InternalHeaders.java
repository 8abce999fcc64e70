package cn.lianmeng.gateway.security;

import java.util.List;
import java.util.Locale;

/**
 * Headers only the platform itself may set. A client never gets to send them downstream: the gateway strips every
 * header whose name starts with one of these prefixes (case-insensitive).
 */
public final class InternalHeaders {

    public static final List<String> PREFIXES = List.of(
            "x-tenant-", "x-user-", "x-scope-", "x-internal-", "x-caller-", "x-forwarded-user");

    private InternalHeaders() {
    }

    public static boolean isInternal(String headerName) {
        String name = headerName.toLowerCase(Locale.ROOT);
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
