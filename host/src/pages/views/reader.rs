//! The reader's own pages: signing in, and 我的借阅 — their loans (each
//! renewed by its own button), holds, messages and every request of
//! theirs with its state.

use maud::{Markup, html};
use shuxiang_core::circulation::HoldStatus;

use super::requests;
use crate::html::{NOTICE_ID, Notice, form_token, unseen, when};
use crate::readers::Me;

/// The sign-in form, with the card typed so far and where to go after. A
/// refusal is read first and both fields point at it.
pub fn login(card: &str, next: &str, notice: Option<&Notice>) -> Markup {
    let refused = notice.is_some_and(|n| matches!(n, Notice::Error { .. }));
    let (invalid, described) = if refused {
        (Some("true"), Some(NOTICE_ID))
    } else {
        (None, None)
    };
    html! {
        h1 { "读者登录" }
        @if let Some(notice) = notice { (notice) }
        form class="login" method="post" action="/login" {
            input type="hidden" name="next" value=(next);
            label {
                "借书证号"
                input type="text" name="card" value=(card) autocomplete="username" required
                    aria-invalid=[invalid] aria-describedby=[described];
            }
            label {
                "密码（PIN）"
                input type="password" name="pin" inputmode="numeric" autocomplete="current-password" required
                    aria-invalid=[invalid] aria-describedby=[described];
            }
            button type="submit" { "登录" }
        }
        p class="meta" {
            "PIN 由阅览室设置。没有 PIN 或忘记了，请到阅览室服务台办理；在同一台电脑上连续输错 5 次，要等 15 分钟才能再试。"
        }
    }
}

fn hold_state(status: HoldStatus, position: Option<usize>, expires_on: Option<&str>) -> String {
    match (status, position, expires_on) {
        (HoldStatus::Ready, _, Some(day)) => format!("已留书，请于 {} 前到服务台领取", when(day)),
        (HoldStatus::Ready, _, None) => "已留书，请到服务台领取".to_owned(),
        (HoldStatus::Waiting, Some(n), _) => format!("排队中，第 {n} 位"),
        (HoldStatus::Waiting, None, _) => "排队中".to_owned(),
        (HoldStatus::Collected, ..) => "已取书".to_owned(),
        (HoldStatus::Cancelled, ..) => "已取消".to_owned(),
        (HoldStatus::Expired, ..) => "已过期".to_owned(),
    }
}

/// The reader's page of their own; every form carries `token`.
pub fn me(mine: &Me, token: &str, notice: Option<&Notice>) -> Markup {
    let m = &mine.me;
    html! {
        @if let Some(notice) = notice { (notice) }
        h1 { (m.name) " 的借阅" }
        nav class="sub" aria-label="我的" {
            a href="/me/record" { "我的学习档案" }
            a href="/me/routing" { "我的传阅" }
            a href="/me/pin" { "修改 PIN" }
            a href="/me/leave" { "请假" }
            a href="/suggest" { "荐购" }
            a href="/share" { "我要分享" }
            form class="plain" method="post" action="/logout" {
                (form_token(token))
                button type="submit" class="quiet" { "退出登录" }
            }
        }
        @if !mine.requests.messages.is_empty() {
            h2 { "消息" }
            ul class="messages" {
                @for msg in &mine.requests.messages {
                    li { span class="meta" { (when(&msg.date)) } " " (msg.text) }
                }
            }
        }
        h2 { "在借的书" }
        @if m.loans.is_empty() {
            p class="empty" { "您现在没有在借的书。" a href="/search" { "去查书" } }
        } @else {
            table {
                thead { tr { th scope="col" { "书名" } th scope="col" { "条码" } th scope="col" { "应还日期" } th scope="col" { "续借" } } }
                tbody {
                    @for l in &m.loans {
                        tr {
                            td { a href={ "/titles/" (l.title_id) } { (l.title) } }
                            td { (l.barcode) }
                            td {
                                (when(&l.due))
                                @if l.overdue_days > 0 {
                                    " " span class="overdue" { "已逾期 " (l.overdue_days) " 天" }
                                }
                            }
                            td {
                                form class="plain" method="post" action="/me/loans/renew" {
                                    (form_token(token))
                                    input type="hidden" name="barcode" value=(l.barcode);
                                    button type="submit" class="quiet" { "续借" (unseen(&format!("《{}》", l.title))) }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { "我的预约" }
        @if m.holds.is_empty() {
            p class="empty" { "您现在没有预约。书都借出时，可以在书的页面上预约。" }
        } @else {
            table {
                thead { tr { th scope="col" { "书名" } th scope="col" { "状态" } th scope="col" { "操作" } } }
                tbody {
                    @for h in &m.holds {
                        tr {
                            td { a href={ "/titles/" (h.title_id) } { (h.title) } }
                            td { (hold_state(h.status, h.position, h.expires_on.as_deref())) }
                            td {
                                form class="plain" method="post" action={ "/me/holds/" (h.id) "/cancel" } {
                                    (form_token(token))
                                    button type="submit" class="quiet" { "取消预约" (unseen(&format!("《{}》", h.title))) }
                                }
                            }
                        }
                    }
                }
            }
        }
        (requests::all(&mine.requests, token))
    }
}
