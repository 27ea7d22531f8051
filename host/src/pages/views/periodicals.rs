//! 现刊 — each serial subscribed now with its newest issue in and the day
//! it came — and 我的传阅, the issues passed to the signed-in reader.

use maud::{Markup, html};
use shuxiang_core::serials::current::CurrentSerial;
use shuxiang_core::serials::routing::Leg;

use crate::html::when;

/// One shelf's table: newspapers or journals.
fn shelf(caption: &str, serials: &[&CurrentSerial]) -> Markup {
    html! {
        h2 { (caption) }
        @if serials.is_empty() {
            p class="empty" { "暂无。" }
        } @else {
            table {
                thead {
                    tr {
                        th scope="col" { "报刊" }
                        th scope="col" { "刊期" }
                        th scope="col" { "最新一期" }
                        th scope="col" { "到馆日期" }
                        th scope="col" { "合订本" }
                    }
                }
                tbody {
                    @for s in serials {
                        tr {
                            th scope="row" { a href={ "/titles/" (s.title_id) } { (s.title) } }
                            td { (s.frequency) }
                            @match &s.latest {
                                Some(i) => {
                                    td { (i.label) }
                                    td { (when(&i.received_on)) }
                                }
                                None => {
                                    td { span class="none" { "本年尚未到刊" } }
                                    td { "—" }
                                }
                            }
                            td {
                                @if s.bound_volumes > 0 {
                                    a href={ "/titles/" (s.title_id) } { (s.bound_volumes) " 册可借" }
                                } @else {
                                    "—"
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The 现刊 page: newspapers, then journals.
pub fn periodicals(serials: &[CurrentSerial]) -> Markup {
    let (papers, journals): (Vec<&CurrentSerial>, Vec<&CurrentSerial>) =
        serials.iter().partition(|s| s.newspaper);
    html! {
        h1 { "现刊" }
        p {
            "阅览室订阅的报纸和期刊，各列最新到馆的一期。现刊请在阅览室阅读；"
            "往年的合订本可以像图书一样查到、借阅和预约。"
        }
        @if serials.is_empty() {
            p class="empty" { "阅览室今年的报刊订阅还没有登记。" }
        } @else {
            (shelf("报纸", &papers))
            (shelf("期刊", &journals))
        }
    }
}

/// When the issue is to be passed on, and whether that day has gone.
fn due_text(leg: &Leg, today: &str) -> Markup {
    html! {
        @match &leg.due_on {
            Some(due) => {
                (when(due))
                @if due.as_str() < today {
                    " " span class="overdue" { "已过期，请尽快传给下一位或交回阅览室" }
                }
            }
            None => { "—" }
        }
    }
}

/// 我的传阅: the issues with the reader now, since when and until when.
pub fn my_routing(name: &str, legs: &[Leg], today: &str) -> Markup {
    html! {
        h1 { (name) " 的传阅" }
        nav class="sub" aria-label="我的" {
            a href="/me" { "我的借阅" }
            a href="/periodicals" { "现刊" }
        }
        p {
            "阅览室按传阅名单送来的报刊。阅后请在应传日期前传给下一位，最后一位交回阅览室。"
        }
        @if legs.is_empty() {
            p class="empty" { "您手上现在没有传阅的报刊。" }
        } @else {
            table {
                thead {
                    tr {
                        th scope="col" { "报刊" }
                        th scope="col" { "期次" }
                        th scope="col" { "收到日期" }
                        th scope="col" { "应传日期" }
                    }
                }
                tbody {
                    @for l in legs {
                        tr {
                            th scope="row" { (l.title) }
                            td { (l.label) }
                            td { @if let Some(given) = &l.given_on { (when(given)) } @else { "—" } }
                            td { (due_text(l, today)) }
                        }
                    }
                }
            }
        }
    }
}
