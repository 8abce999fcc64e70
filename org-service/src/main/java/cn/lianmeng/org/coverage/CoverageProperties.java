package cn.lianmeng.org.coverage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code lianmeng.coverage.*}: the configurable numbers of the coverage rules and the maintenance schedule. */
@ConfigurationProperties("lianmeng.coverage")
public class CoverageProperties {

    /** Staff from which an ACTIVE, operating enterprise is in scope (DESIGN §3: 10). */
    private int minStaff = 10;
    /** How long an activity that reached an enterprise counts for work coverage. */
    private Duration activityWindow = Duration.ofDays(90);
    /** How often per-scope totals are recomputed from the facts (they are also recomputed at startup). */
    private Duration reconcileInterval = Duration.ofMinutes(15);
    /** How often enterprises whose activity window has passed are re-evaluated. */
    private Duration expiryInterval = Duration.ofDays(1);
    /** Delay of the first reconcile and expiry run after startup. */
    private Duration initialDelay = Duration.ofSeconds(20);
    /** Whether the maintenance jobs run at all (tests drive them directly). */
    private boolean maintenanceEnabled = true;

    public CoverageRules.Settings settings() {
        return new CoverageRules.Settings(minStaff, activityWindow);
    }

    public int getMinStaff() {
        return minStaff;
    }

    public void setMinStaff(int minStaff) {
        this.minStaff = minStaff;
    }

    public Duration getActivityWindow() {
        return activityWindow;
    }

    public void setActivityWindow(Duration activityWindow) {
        this.activityWindow = activityWindow;
    }

    public Duration getReconcileInterval() {
        return reconcileInterval;
    }

    public void setReconcileInterval(Duration reconcileInterval) {
        this.reconcileInterval = reconcileInterval;
    }

    public Duration getExpiryInterval() {
        return expiryInterval;
    }

    public void setExpiryInterval(Duration expiryInterval) {
        this.expiryInterval = expiryInterval;
    }

    public Duration getInitialDelay() {
        return initialDelay;
    }

    public void setInitialDelay(Duration initialDelay) {
        this.initialDelay = initialDelay;
    }

    public boolean isMaintenanceEnabled() {
        return maintenanceEnabled;
    }

    public void setMaintenanceEnabled(boolean maintenanceEnabled) {
        this.maintenanceEnabled = maintenanceEnabled;
    }
}
