package dev.tessera.tenant;

import java.util.Map;
import java.util.Set;

/** How long the tenant's audit events are kept before the maintenance job deletes them (issue 9 item 7). Spec: CONTRACT §7. */
public record AuditSettings(int auditRetentionDays) {
    static final Set<String> KEYS = Set.of("auditRetentionDays");
    public static final AuditSettings DEFAULTS = new AuditSettings(TenantDefaults.AUDIT_RETENTION_DAYS);

    public static final int MIN_RETENTION_DAYS = 1;
    public static final int MAX_RETENTION_DAYS = 3650;

    public AuditSettings {
        SettingsJson.range("auditRetentionDays", auditRetentionDays, MIN_RETENTION_DAYS, MAX_RETENTION_DAYS);
    }

    static AuditSettings fromJson(Map<String, Object> json) {
        return new AuditSettings(SettingsJson.integer(json, "auditRetentionDays", TenantDefaults.AUDIT_RETENTION_DAYS));
    }

    void toJson(Map<String, Object> m) {
        m.put("auditRetentionDays", auditRetentionDays);
    }
}
