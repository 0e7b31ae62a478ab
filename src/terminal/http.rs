//! The HTTPS client every cloud or HTTP driver starts from: rustls on the `ring` provider (it
//! builds in a fraction of aws-lc's time), installed once for the process.

/// A reqwest client builder with the process's TLS provider in place.
pub fn client_builder() -> reqwest::ClientBuilder {
    // Err only when a provider is already installed (by an earlier call): that one serves.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
}
