package cn.lianmeng.platform.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a test (or its set-up) fails because a blocking read timed out, prints every thread's stack to the test's
 * output before the failure propagates, so a request that hung on a shared CI machine says where it hung. Registered
 * for every module by JUnit's extension auto-detection (META-INF/services, enabled in the parent pom).
 */
public final class ThreadDumpOnTimeout implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        dumpIfTimeout(context, throwable);
        throw throwable;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        dumpIfTimeout(context, throwable);
        throw throwable;
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        dumpIfTimeout(context, throwable);
        throw throwable;
    }

    static boolean isTimeout(Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof java.util.concurrent.TimeoutException || message.contains("Timeout on blocking read")
                    || message.contains("Did not observe any item or terminal signal")) {
                return true;
            }
        }
        return false;
    }

    private static void dumpIfTimeout(ExtensionContext context, Throwable throwable) {
        if (!isTimeout(throwable)) {
            return;
        }
        StringBuilder out = new StringBuilder("==== thread dump after a timeout in ").append(context.getDisplayName())
                .append(" (").append(context.getRequiredTestClass().getName()).append(") ====\n");
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            out.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
            if (info.getLockName() != null) {
                out.append(" on ").append(info.getLockName());
            }
            if (info.getLockOwnerName() != null) {
                out.append(" owned by \"").append(info.getLockOwnerName()).append('"');
            }
            out.append('\n');
            for (StackTraceElement frame : info.getStackTrace()) {
                out.append("\tat ").append(frame).append('\n');
            }
        }
        System.out.println(out);
    }
}
