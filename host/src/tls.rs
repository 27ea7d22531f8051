//! The host's certificate: one made on first start and kept beside the
//! database (`host-cert.pem`, `host-key.pem`), or the office's own given
//! with `--cert/--key`. Clients check its SHA-256 fingerprint — the desktop
//! app pins it on first connect, as SSH does — so a self-signed one is as
//! good as a bought one on an intranet. rustls with ring: no OpenSSL.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::ServerConfig;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use sha2::{Digest, Sha256};
use shuxiang_core::Error;

/// The file names of a certificate made on first start, in the data folder.
pub const CERT_FILE: &str = "host-cert.pem";
pub const KEY_FILE: &str = "host-key.pem";

/// A certificate chain, its private key and the leaf's fingerprint.
pub struct Certificate {
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
    fingerprint: String,
}

impl std::fmt::Debug for Certificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Certificate")
            .field("fingerprint", &self.fingerprint)
            .finish_non_exhaustive()
    }
}

impl Certificate {
    /// The SHA-256 of the leaf certificate, `AB:CD:…` as browsers show it.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The office's own certificate and key (PEM files).
    pub fn from_files(cert: &Path, key: &Path) -> Result<Certificate, Error> {
        let chain = read_pem(cert, "证书", |bytes| {
            CertificateDer::pem_slice_iter(bytes).collect::<Result<Vec<_>, _>>()
        })?;
        if chain.is_empty() {
            return Err(Error::invalid(
                "cert",
                format!("“{}”里没有 PEM 格式的证书。", cert.display()),
            ));
        }
        let key = read_pem(key, "私钥", PrivateKeyDer::from_pem_slice)?;
        Certificate::new(chain, key)
    }

    /// The certificate kept in `folder`, made there on first use: a
    /// self-signed one naming this computer, `localhost` and 127.0.0.1.
    pub fn in_folder(folder: &Path) -> Result<Certificate, Error> {
        let (cert, key) = (folder.join(CERT_FILE), folder.join(KEY_FILE));
        if cert.exists() && key.exists() {
            return Certificate::from_files(&cert, &key);
        }
        let made = make_self_signed()?;
        write_private(&key, made.signing_key.serialize_pem().as_bytes())?;
        fs::write(&cert, made.cert.pem())
            .map_err(|e| Error::io(format!("无法写入证书“{}”", cert.display()), e))?;
        Certificate::from_files(&cert, &key)
    }

    /// Puts the office's own certificate and key (PEM files) in `folder`
    /// in place of the one made there, once they are checked to belong
    /// together; the host serves it from its next start.
    pub fn install(folder: &Path, cert: &Path, key: &Path) -> Result<Certificate, Error> {
        let checked = Certificate::from_files(cert, key)?;
        // Both written beside their places first, then moved in: a copy that
        // fails leaves the certificate in use whole.
        let pairs = [(key, folder.join(KEY_FILE)), (cert, folder.join(CERT_FILE))];
        for (from, to) in &pairs {
            fs::copy(from, to.with_extension("new"))
                .map_err(|e| Error::io(format!("无法放入“{}”", to.display()), e))?;
        }
        for (_, to) in &pairs {
            fs::rename(to.with_extension("new"), to)
                .map_err(|e| Error::io(format!("无法放入“{}”", to.display()), e))?;
        }
        Ok(checked)
    }

    fn new(
        chain: Vec<CertificateDer<'static>>,
        key: PrivateKeyDer<'static>,
    ) -> Result<Certificate, Error> {
        let fingerprint = fingerprint_of(&chain[0]);
        let certificate = Certificate {
            chain,
            key,
            fingerprint,
        };
        certificate.server_config()?;
        Ok(certificate)
    }

    /// The TLS settings that serve this certificate (HTTP/1.1 only).
    pub fn server_config(&self) -> Result<Arc<ServerConfig>, Error> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .and_then(|b| {
                b.with_no_client_auth()
                    .with_single_cert(self.chain.clone(), self.key.clone_key())
            })
            .map_err(|e| {
                Error::invalid(
                    "cert",
                    format!("证书和私钥不能一起使用（私钥不属于这张证书，或格式不受支持）：{e}"),
                )
            })?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Arc::new(config))
    }
}

/// What a client of the host trusts: exactly the certificate whose
/// fingerprint it pinned on first connect, as SSH does; on that first
/// connect (`expected` is `None`) any, recording what it saw so the user can
/// compare it with the one the host shows.
#[derive(Debug)]
pub struct PinnedCertificate {
    expected: Option<String>,
    seen: std::sync::Mutex<Option<String>>,
    provider: Arc<rustls::crypto::CryptoProvider>,
}

impl PinnedCertificate {
    /// A client's TLS settings that trust only `expected` (any, when `None`).
    pub fn client_config(expected: Option<&str>) -> (Arc<rustls::ClientConfig>, Arc<Self>) {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let pinned = Arc::new(PinnedCertificate {
            expected: expected.map(str::to_ascii_uppercase),
            seen: std::sync::Mutex::default(),
            provider: provider.clone(),
        });
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("ring's defaults name every protocol version")
            .dangerous()
            .with_custom_certificate_verifier(pinned.clone())
            .with_no_client_auth();
        (Arc::new(config), pinned)
    }

    /// The fingerprint the host showed in the last handshake.
    pub fn seen(&self) -> Option<String> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl rustls::client::danger::ServerCertVerifier for PinnedCertificate {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &rustls_pki_types::ServerName<'_>,
        _ocsp_response: &[u8],
        _now: rustls_pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        let fingerprint = fingerprint_of(end_entity);
        *self.seen.lock().unwrap_or_else(|e| e.into_inner()) = Some(fingerprint.clone());
        match &self.expected {
            Some(expected) if *expected != fingerprint => Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::ApplicationVerificationFailure,
            )),
            _ => Ok(rustls::client::danger::ServerCertVerified::assertion()),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// `AB:CD:…`: the SHA-256 of a certificate's DER bytes.
pub fn fingerprint_of(cert: &[u8]) -> String {
    Sha256::digest(cert)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

fn read_pem<T>(
    path: &Path,
    what: &str,
    parse: impl FnOnce(&[u8]) -> Result<T, rustls_pki_types::pem::Error>,
) -> Result<T, Error> {
    let bytes = fs::read(path)
        .map_err(|e| Error::io(format!("无法读取{what}文件“{}”", path.display()), e))?;
    parse(&bytes).map_err(|_| {
        Error::invalid(
            "cert",
            format!("“{}”不是 PEM 格式的{what}。", path.display()),
        )
    })
}

fn make_self_signed() -> Result<rcgen::CertifiedKey<rcgen::KeyPair>, Error> {
    let mut names = vec!["localhost".to_owned(), "127.0.0.1".to_owned()];
    if let Some(host) = computer_name() {
        names.push(host);
    }
    let refused = |e: rcgen::Error| Error::invalid("cert", format!("无法生成主机证书：{e}"));
    let mut params = rcgen::CertificateParams::new(names).map_err(refused)?;
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "书香主机");
    params
        .distinguished_name
        .push(rcgen::DnType::OrganizationName, "书香 阅览室");
    let key = rcgen::KeyPair::generate().map_err(refused)?;
    let cert = params.self_signed(&key).map_err(refused)?;
    Ok(rcgen::CertifiedKey {
        cert,
        signing_key: key,
    })
}

/// This computer's name when it is a plain DNS label.
fn computer_name() -> Option<String> {
    let name = std::env::var("COMPUTERNAME")
        .or_else(|_| std::env::var("HOSTNAME"))
        .ok()
        .or_else(|| fs::read_to_string("/etc/hostname").ok())?;
    let name = name.trim().to_ascii_lowercase();
    let plain = !name.is_empty()
        && name.len() <= 63
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        && name != "localhost";
    plain.then_some(name)
}

/// Writes a private key readable by its owner only.
fn write_private(path: &PathBuf, bytes: &[u8]) -> Result<(), Error> {
    let failed = |e| Error::io(format!("无法写入私钥“{}”", path.display()), e);
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    use std::io::Write;
    options
        .open(path)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_certificate_is_made_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let first = Certificate::in_folder(dir.path()).unwrap();
        let again = Certificate::in_folder(dir.path()).unwrap();
        assert_eq!(first.fingerprint(), again.fingerprint());
        assert_eq!(first.fingerprint().len(), 32 * 3 - 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.path().join(KEY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "the key is readable by its owner only");
        }
    }

    #[test]
    fn the_offices_own_certificate_replaces_the_one_made_and_a_mismatch_replaces_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let made = Certificate::in_folder(dir.path()).unwrap();
        let office = tempfile::tempdir().unwrap();
        let ours = make_self_signed().unwrap();
        let (cert, key) = (office.path().join("o.crt"), office.path().join("o.key"));
        fs::write(&cert, ours.cert.pem()).unwrap();
        fs::write(&key, ours.signing_key.serialize_pem()).unwrap();
        let other = make_self_signed().unwrap();
        let wrong = office.path().join("x.key");
        fs::write(&wrong, other.signing_key.serialize_pem()).unwrap();
        assert!(Certificate::install(dir.path(), &cert, &wrong).is_err());
        assert_eq!(
            Certificate::in_folder(dir.path()).unwrap().fingerprint(),
            made.fingerprint(),
            "nothing replaced"
        );
        let installed = Certificate::install(dir.path(), &cert, &key).unwrap();
        assert_eq!(installed.fingerprint(), fingerprint_of(ours.cert.der()));
        assert_eq!(
            Certificate::in_folder(dir.path()).unwrap().fingerprint(),
            installed.fingerprint()
        );
    }

    #[test]
    fn the_offices_own_certificate_is_taken_and_a_wrong_key_refused() {
        let dir = tempfile::tempdir().unwrap();
        let ours = make_self_signed().unwrap();
        let other = make_self_signed().unwrap();
        let cert = dir.path().join("office.crt");
        let key = dir.path().join("office.key");
        let wrong = dir.path().join("other.key");
        fs::write(&cert, ours.cert.pem()).unwrap();
        fs::write(&key, ours.signing_key.serialize_pem()).unwrap();
        fs::write(&wrong, other.signing_key.serialize_pem()).unwrap();
        let taken = Certificate::from_files(&cert, &key).unwrap();
        assert_eq!(taken.fingerprint(), fingerprint_of(ours.cert.der()));
        let e = Certificate::from_files(&cert, &wrong).unwrap_err();
        assert!(e.to_string().contains("私钥不属于这张证书"), "{e}");
        let e = Certificate::from_files(&key, &key).unwrap_err();
        assert!(e.to_string().contains("没有 PEM 格式的证书"), "{e}");
        let e = Certificate::from_files(&cert, &dir.path().join("none.key")).unwrap_err();
        assert!(e.to_string().contains("无法读取私钥文件"), "{e}");
    }
}
