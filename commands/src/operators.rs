//! Operator accounts (操作员) and their roles.

commands! {
    fn operators(ctx) -> Vec<shuxiang_core::operators::Operator> {
        shuxiang_core::operators::operators(ctx.db())
    }

    fn create_operator(ctx, operator: shuxiang_core::operators::NewOperator) -> shuxiang_core::operators::Operator {
        shuxiang_core::operators::create_operator(
            ctx.db(),
            ctx.actor(),
            &operator,
        )
    }

    fn edit_operator(ctx, id: i64, role: shuxiang_core::audit::Role, active: bool) -> shuxiang_core::operators::Operator {
        shuxiang_core::operators::edit_operator(
            ctx.db(),
            ctx.actor(),
            id,
            role,
            active,
        )
    }

    fn reset_operator_password(ctx, name: String, password: String) -> shuxiang_core::operators::Operator {
        shuxiang_core::operators::reset_password(
            ctx.db(),
            ctx.actor(),
            &name,
            &password,
        )
    }
}
