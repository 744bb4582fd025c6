package dev.tessera.testing;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints one line when the test run leaves out the {@code e2e} group (tests that need system packages
 * such as nginx and chromium), so a green {@code ./mvnw verify} says what it did not run.
 * Registered through META-INF/services; surefire passes its excluded groups as {@link #PROPERTY}.
 */
public final class E2eNotice implements TestExecutionListener {
    static final String PROPERTY = "tessera.excludedGroups";
    private static final AtomicBoolean PRINTED = new AtomicBoolean();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        String excluded = System.getProperty(PROPERTY, "");
        boolean e2eExcluded = Arrays.stream(excluded.split(",")).map(String::trim).anyMatch("e2e"::equals);
        if (e2eExcluded && PRINTED.compareAndSet(false, true)) {
            System.out.println("[tessera] Tests tagged e2e are skipped (they need nginx and chromium): "
                    + "run .ci/run, or ./mvnw verify -Pe2e once those are installed.");
        }
    }
}
