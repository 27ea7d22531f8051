//! The log's actions and kinds of record in words, for the log screen and
//! its export.

/// A logged action in words, for the log screen and its export; an action
/// without words here shows as logged.
pub fn action_words(action: &str) -> &str {
    match action {
        "create" => "新增",
        "update" => "修改",
        "delete" => "删除",
        "import" => "导入",
        "add_copies" => "加册",
        "lend" => "借出",
        "return" => "归还",
        "renew" => "续借",
        "place" => "预约",
        "ready" => "到书待取",
        "expire" => "预约过期",
        "cancel" => "取消",
        "mark" => "改状态",
        "start" => "开始",
        "finish" => "结束",
        "invite" => "邀请",
        "uninvite" => "取消邀请",
        "sign_in" => "签到",
        "sign_out" => "取消签到",
        "attach" => "添加附件",
        "detach" => "删除附件",
        "enrol" => "报名",
        "withdraw" => "退出",
        "assign" => "自动编班",
        "attend" => "考勤",
        "login" => "登录",
        "login_failed" => "登录失败",
        "reset_password" => "重设密码",
        "set_pin" => "设置读者 PIN",
        "clear_pin" => "清除读者 PIN",
        "demo" => "装入演示数据",
        "restore" => "恢复",
        "clear" => "清空数据",
        other => other,
    }
}

/// A kind of logged record in words; a kind without words here shows as logged.
pub fn entity_words(entity: &str) -> &str {
    match entity {
        "person" => "人员",
        "title" => "书目",
        "copy" => "册",
        "labels" => "标签",
        "loan" => "借阅",
        "hold" => "预约",
        "loan_rule" => "借阅规则",
        "stocktake" => "盘点",
        "venue" => "场地",
        "share_session" => "读书分享活动",
        "share_series" => "读书分享系列",
        "session" => "活动",
        "training" => "履职培训",
        "training_topic" => "培训专题",
        "training_batch" => "培训批次",
        "training_session" => "培训课次",
        "operator" => "操作员",
        "settings" => "设置",
        "calendar" => "开馆日",
        "backup" => "备份",
        "database" => "数据库",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The string literals right after each `call(` in `text`: `.audit("lend",
    /// "loan", …` gives `["lend", "loan"]`.
    fn literal_arguments<'a>(text: &'a str, call: &str) -> Vec<Vec<&'a str>> {
        text.match_indices(call)
            .map(|(at, _)| {
                let mut rest = &text[at + call.len()..];
                let mut found = Vec::new();
                loop {
                    rest = rest.trim_start();
                    let Some(literal) = rest.strip_prefix('"') else {
                        break;
                    };
                    let Some(end) = literal.find('"') else { break };
                    found.push(&literal[..end]);
                    rest = literal[end + 1..].trim_start();
                    match rest.strip_prefix(',') {
                        Some(after) => rest = after,
                        None => break,
                    }
                }
                found
            })
            .collect()
    }

    #[test]
    fn every_action_and_record_kind_the_code_logs_reads_in_chinese() {
        fn sources(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    // What the program logs, not what its tests do.
                    let text = std::fs::read_to_string(&path).unwrap();
                    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                    out.push(code.to_owned());
                }
            }
        }
        let mut files = Vec::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let (mut actions, mut entities) = (Vec::new(), Vec::new());
        for text in &files {
            for args in literal_arguments(text, ".audit(")
                .into_iter()
                .chain(literal_arguments(text, ".audit_action("))
                .chain(literal_arguments(
                    text,
                    "audit::record(&conn, actor, &clock.now_text(),",
                ))
            {
                actions.extend(args.first().copied());
                entities.extend(args.get(1).copied());
            }
            for args in literal_arguments(text, ".require(")
                .into_iter()
                .chain(literal_arguments(text, "put_audited(tx,"))
            {
                entities.extend(args.first().copied());
            }
        }
        assert!(
            actions.contains(&"lend") && entities.contains(&"copy"),
            "the scan finds the log's calls"
        );
        for a in actions {
            assert_ne!(action_words(a), a, "the action {a} has no words");
        }
        for e in entities {
            assert_ne!(entity_words(e), e, "the record kind {e} has no words");
        }
    }
}
