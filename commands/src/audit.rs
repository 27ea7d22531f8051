//! The audit log (操作日志): reading it and who appears in it.

commands! {
    see(Log) fn audit_log(ctx, query: shuxiang_core::audit::AuditQuery) -> shuxiang_core::paging::Page<shuxiang_core::audit::AuditEntry> {
        shuxiang_core::audit::audit_log(ctx.db(), &query)
    }

    see(Log) fn audit_actors(ctx) -> Vec<String> {
        shuxiang_core::audit::audit_actors(ctx.db())
    }
}
