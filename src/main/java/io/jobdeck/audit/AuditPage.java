package io.jobdeck.audit;

import java.util.List;

/** One page of audit entries, newest first, and how many match in all. */
public record AuditPage(List<AuditEntry> entries, int page, int pageSize, long total) {

    public int pageCount() {
        return (int) Math.max(1, (total + pageSize - 1) / pageSize);
    }
}
