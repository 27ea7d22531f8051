//! The desktop app's side of "operators at other PCs": a client of a host
//! that trusts exactly the certificate whose fingerprint it pinned on first
//! connect (as SSH does), signs an operator in and runs commands by name.
//! Each request makes its own connection — on an intranet a handshake is a
//! millisecond or two, and a host that went away and came back needs no
//! reconnecting. Failures come back as the window shows them: the host's
//! own `{code, message, field}`, or why the host could not be reached.

use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde::Deserialize;
use serde_json::Value;
use tokio::net::TcpStream;

use crate::tls::PinnedCertificate;

/// How long one request may take, connecting included.
const REQUEST_TIME: Duration = Duration::from_secs(60);
/// How long a connection may take to open.
const CONNECT_TIME: Duration = Duration::from_secs(5);

/// Why a request to the host failed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RemoteError {
    pub code: String,
    pub message: String,
    #[serde(default)]
    pub field: Option<String>,
}

impl RemoteError {
    fn new(code: &str, message: String) -> RemoteError {
        RemoteError {
            code: code.to_owned(),
            message,
            field: None,
        }
    }

    /// The host cannot be reached (the window says the connection is gone).
    fn gone(address: &str) -> RemoteError {
        RemoteError::new(
            "disconnected",
            format!(
                "与主机的连接已断开（{address} 无法连接）。请确认主机开着、网络通畅；恢复后会自动重新连接。"
            ),
        )
    }
}

/// A host at `address` (`192.168.1.20:7443`) whose certificate has
/// `fingerprint`.
#[derive(Debug, Clone)]
pub struct HostClient {
    address: String,
    fingerprint: String,
}

/// An operator signed in at the host.
#[derive(Debug, Clone, Deserialize)]
pub struct SignedIn {
    pub token: String,
    pub name: String,
    pub role: shuxiang_core::audit::Role,
}

impl HostClient {
    pub fn new(address: &str, fingerprint: &str) -> HostClient {
        HostClient {
            address: normalize(address),
            fingerprint: fingerprint.to_owned(),
        }
    }

    pub fn address(&self) -> &str {
        &self.address
    }

    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// First contact: the fingerprint of the certificate the host at
    /// `address` shows, once it answers as a 书香 host — for the user to
    /// compare with the one the host's 设置 shows before pinning it.
    pub async fn probe(address: &str) -> Result<String, RemoteError> {
        let address = normalize(address);
        let (config, pinned) = PinnedCertificate::client_config(None);
        let answer = exchange(
            &address,
            config,
            "GET",
            "/api/v1/ping",
            None,
            Vec::new(),
            None,
        )
        .await;
        let seen = pinned.seen();
        match (answer, seen) {
            (Ok((200, body)), Some(seen)) if body.get("ok") == Some(&Value::Bool(true)) => Ok(seen),
            (Ok(_), _) => Err(RemoteError::new(
                "not_a_host",
                format!("{address} 上不是书香主机。请核对地址和端口。"),
            )),
            (Err(e), _) => Err(e),
        }
    }

    /// A request to the host over TLS pinned to its fingerprint.
    async fn request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Result<Value, RemoteError> {
        let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
        self.send(method, path, token, bytes, None).await
    }

    async fn send(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Vec<u8>,
        header: Option<(&str, String)>,
    ) -> Result<Value, RemoteError> {
        let (config, pinned) = PinnedCertificate::client_config(Some(&self.fingerprint));
        match exchange(&self.address, config, method, path, token, body, header).await {
            Ok((status, body)) if (200..300).contains(&status) => Ok(body),
            Ok((_, body)) => Err(serde_json::from_value(body).unwrap_or_else(|_| {
                RemoteError::new("internal", "主机的回答无法读取，请稍后再试。".into())
            })),
            Err(e) if pinned.seen().is_some_and(|seen| seen != self.fingerprint) => {
                let _ = e;
                Err(RemoteError::new(
                    "certificate_changed",
                    format!(
                        "{} 的证书与第一次连接时记下的不同，已拒绝连接。如果主机确实换了证书，请在“设置 → 连接到局域网主机”中重新确认指纹；否则请联系信息中心。",
                        self.address
                    ),
                ))
            }
            Err(e) => Err(e),
        }
    }

    /// Signs an operator in.
    pub async fn login(&self, name: &str, password: &str) -> Result<SignedIn, RemoteError> {
        let body = serde_json::json!({ "name": name, "password": password });
        let answer = self
            .request("POST", "/api/v1/op/login", None, Some(&body))
            .await?;
        serde_json::from_value(answer)
            .map_err(|_| RemoteError::new("internal", "主机的回答无法读取。".into()))
    }

    /// Signs the operator out (the host forgets the token).
    pub async fn logout(&self, token: &str) {
        let _ = self
            .request("POST", "/api/v1/op/logout", Some(token), Some(&Value::Null))
            .await;
    }

    /// Runs a command of the command layer at the host.
    pub async fn call(
        &self,
        token: &str,
        command: &str,
        args: &Value,
    ) -> Result<Value, RemoteError> {
        if !command
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(RemoteError::new(
                "not_found",
                format!("没有名为“{command}”的操作。"),
            ));
        }
        self.request(
            "POST",
            &format!("/api/v1/op/call/{command}"),
            Some(token),
            Some(args),
        )
        .await
    }

    /// Makes an export at the host: what the window shows of it, the file's
    /// name and its bytes, to be saved on this PC.
    pub async fn export(
        &self,
        token: &str,
        command: &str,
        args: &Value,
    ) -> Result<(Value, String, Vec<u8>), RemoteError> {
        use base64::Engine;
        let unreadable = || RemoteError::new("internal", "主机传回的文件无法读取，请重试。".into());
        if !command
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(RemoteError::new(
                "not_found",
                format!("没有名为“{command}”的导出。"),
            ));
        }
        let mut made = self
            .request(
                "POST",
                &format!("/api/v1/op/export/{command}"),
                Some(token),
                Some(args),
            )
            .await?;
        let file_name = made["file_name"]
            .as_str()
            .ok_or_else(unreadable)?
            .to_owned();
        let content = base64::engine::general_purpose::STANDARD
            .decode(made["content"].as_str().ok_or_else(unreadable)?)
            .map_err(|_| unreadable())?;
        Ok((made["answer"].take(), file_name, content))
    }

    /// Sends a file to be taken in at the host, with what the import
    /// dialog chose (ASCII JSON, as the window's own header carries it).
    pub async fn import(
        &self,
        token: &str,
        command: &str,
        choices: &Value,
        content: Vec<u8>,
    ) -> Result<Value, RemoteError> {
        if !command
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(RemoteError::new(
                "not_found",
                format!("没有名为“{command}”的导入。"),
            ));
        }
        let header = ("shuxiang-import", ascii_json(choices));
        self.send(
            "POST",
            &format!("/api/v1/op/import/{command}"),
            Some(token),
            content,
            Some(header),
        )
        .await
    }

    /// Whether the host answers now.
    pub async fn ping(&self) -> Result<(), RemoteError> {
        self.request("GET", "/api/v1/ping", None, None)
            .await
            .map(|_| ())
    }
}

/// `host:port`, the port 7443 when none is given; a pasted `https://…/` is
/// taken as its address.
fn normalize(address: &str) -> String {
    let a = address.trim();
    let a = a.strip_prefix("https://").unwrap_or(a);
    let a = a.split('/').next().unwrap_or(a);
    let has_port = match a.rsplit_once(':') {
        Some((_, port)) => !a.ends_with(']') && port.parse::<u16>().is_ok(),
        None => false,
    };
    if has_port {
        a.to_owned()
    } else {
        format!("{a}:7443")
    }
}

/// JSON with every character outside ASCII written `\uXXXX`, fit for a
/// header.
pub(crate) fn ascii_json(value: &Value) -> String {
    let mut out = String::new();
    for c in value.to_string().chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

async fn exchange(
    address: &str,
    config: Arc<rustls::ClientConfig>,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Vec<u8>,
    header: Option<(&str, String)>,
) -> Result<(u16, Value), RemoteError> {
    let gone = || RemoteError::gone(address);
    let work = async {
        let tcp = tokio::time::timeout(CONNECT_TIME, TcpStream::connect(address))
            .await
            .map_err(|_| gone())?
            .map_err(|_| gone())?;
        let _ = tcp.set_nodelay(true);
        let host = address.rsplit_once(':').map_or(address, |(h, _)| h);
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let name = rustls_pki_types::ServerName::try_from(host.to_owned()).unwrap_or_else(|_| {
            rustls_pki_types::ServerName::try_from("localhost").expect("a name")
        });
        let tls = tokio_rustls::TlsConnector::from(config)
            .connect(name, tcp)
            .await
            .map_err(|_| gone())?;
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(tls))
            .await
            .map_err(|_| gone())?;
        tokio::spawn(connection);
        let mut request = hyper::Request::builder()
            .method(method)
            .uri(path)
            .header(hyper::header::HOST, address)
            .header(hyper::header::CONTENT_TYPE, "application/json");
        if let Some(token) = token {
            request = request.header(hyper::header::AUTHORIZATION, format!("Bearer {token}"));
        }
        if let Some((name, value)) = &header {
            request = request.header(*name, value.as_str());
        }
        let request = request
            .body(Full::new(Bytes::from(body)))
            .map_err(|_| gone())?;
        let response = sender.send_request(request).await.map_err(|_| gone())?;
        let status = response.status().as_u16();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|_| gone())?
            .to_bytes();
        let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Ok((status, value))
    };
    tokio::time::timeout(REQUEST_TIME, work)
        .await
        .map_err(|_| {
            RemoteError::new(
                "disconnected",
                format!("主机 {address} 长时间没有回应。请稍后再试。"),
            )
        })?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_taken_as_people_type_it() {
        assert_eq!(normalize("192.168.1.20"), "192.168.1.20:7443");
        assert_eq!(normalize(" 192.168.1.20:8443 "), "192.168.1.20:8443");
        assert_eq!(normalize("https://192.168.1.20:7443/"), "192.168.1.20:7443");
        assert_eq!(normalize("reading-room"), "reading-room:7443");
    }

    #[test]
    fn a_header_carries_chinese_as_escapes() {
        let v = serde_json::json!({"fileName": "书目.xlsx"});
        let text = ascii_json(&v);
        assert!(text.is_ascii(), "{text}");
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), v);
    }
}
