//! Operator accounts (操作员) and their roles.

commands! {
    see(Operator) fn operators(ctx) -> Vec<shuxiang_core::operators::Operator> {
        shuxiang_core::operators::operators(ctx.db())
    }

    write(Operator) fn create_operator(ctx, operator: shuxiang_core::operators::NewOperator) -> shuxiang_core::operators::Operator {
        shuxiang_core::operators::create_operator(
            ctx.db(),
            ctx.actor(),
            &operator,
        )
    }

    write(Operator) fn edit_operator(ctx, id: i64, role: shuxiang_core::audit::Role, active: bool) -> shuxiang_core::operators::Operator {
        shuxiang_core::operators::edit_operator(
            ctx.db(),
            ctx.actor(),
            id,
            role,
            active,
        )
    }

    write(Operator) fn reset_operator_password(ctx, name: String, password: String) -> shuxiang_core::operators::Operator {
        shuxiang_core::operators::reset_operator_password(
            ctx.db(),
            ctx.actor(),
            &name,
            &password,
        )
    }
}
