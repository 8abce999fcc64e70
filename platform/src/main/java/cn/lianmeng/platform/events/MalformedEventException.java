package cn.lianmeng.platform.events;

/** A message that can never be processed (unparseable body, missing CloudEvents headers): dead-lettered at once. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
