//! Single sign-on through the household's OpenID Connect provider (Authelia, Authentik,
//! Keycloak, kanidm…), with the `openidconnect` crate: the authorization code flow with
//! PKCE, `state` and `nonce`, the provider read by discovery at the start of each sign-in
//! (sign-ins are rare; a provider's new keys are then always known), the ID token's
//! signature, issuer, audience, expiry and nonce checked before its claims are believed.
//!
//! A flow waits in memory between the redirect to the provider and the way back, found by
//! a random id in a cookie of the browser that started it (so another browser's callback
//! finds nothing), for ten minutes at most. Requests to the provider are blocking (ureq):
//! a few at a time, each on a thread of the bounded blocking pool, and the provider's
//! metadata is reused for a few minutes, so a burst of button presses costs neither
//! threads nor memory.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreJwsSigningAlgorithm, CoreProviderMetadata,
    CoreUserInfoClaims,
};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, HttpRequest, HttpResponse, IssuerUrl,
    Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    SyncHttpClient, TokenResponse,
};

use crate::config::Config;
use crate::ids::UserId;

use super::pending::Pending;
use super::token;

/// How long the person has at the provider (a password, maybe their own second factor).
const FLOW: Duration = Duration::from_secs(10 * 60);
/// Most flows waiting at once, and from one client address; more are refused until some
/// finish or expire.
const MAX_WAITING: usize = 1_000;
const MAX_PER_CLIENT: usize = 10;
/// Requests to the provider under way at most (each holds a blocking thread); more wait
/// their turn for a few seconds, then are refused as busy.
pub const MAX_IN_FLIGHT: usize = 2;
/// How long the provider's metadata and keys are reused before being read again.
const METADATA_FOR: Duration = Duration::from_secs(5 * 60);
/// The longest a request to the provider may take.
const TIMEOUT: Duration = Duration::from_secs(10);
/// The largest answer read from the provider (discovery, keys, tokens).
const MAX_ANSWER: u64 = 1024 * 1024;

/// What the way back from the provider does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Sign in whoever the provider says this is.
    SignIn,
    /// Link the provider's identity to this signed-in account.
    Link(UserId),
}

/// Who the provider says signed in.
#[derive(Debug, Clone)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: Option<String>,
    pub username: Option<String>,
}

/// Why single sign-on could not go on.
#[derive(Debug, thiserror::Error)]
pub enum SsoError {
    #[error("single sign-on is not set up on this server")]
    Unavailable,
    #[error("too many single sign-ons are waiting; try again in a few minutes")]
    Busy,
    #[error("this single sign-on has expired or was started in another browser; start again")]
    Expired,
    #[error(
        "the identity provider could not be reached or gave an answer aisle cannot use ({0}); \
         try again later, or log in with your password"
    )]
    Provider(String),
    #[error("the identity provider's answer failed its checks ({0}); start again")]
    Refused(String),
    #[error("the identity provider did not sign you in ({0})")]
    Denied(String),
}

/// A flow between the redirect and the way back.
struct Flow {
    purpose: Purpose,
    state: CsrfToken,
    nonce: Nonce,
    verifier: PkceCodeVerifier,
    metadata: Arc<CoreProviderMetadata>,
}

/// The configured provider and client: what a request to the provider needs, cheap to
/// clone into a blocking task.
#[derive(Clone)]
struct Provider {
    issuer: IssuerUrl,
    client_id: ClientId,
    secret: Option<ClientSecret>,
    redirect: RedirectUrl,
    http: Http,
}

pub struct Sso {
    provider: Option<Provider>,
    name: Option<String>,
    household: Option<String>,
    waiting: Pending<Flow>,
    /// The provider's metadata as last read, and when.
    metadata: Mutex<Option<(Instant, Arc<CoreProviderMetadata>)>>,
    in_flight: tokio::sync::Semaphore,
}

impl Sso {
    /// Single sign-on as `config` sets it up; off when it names no provider.
    pub fn new(config: &Config) -> Sso {
        let provider = config.sso().then(|| Provider::new(config)).flatten();
        Sso {
            provider,
            name: config.oidc_name.clone(),
            household: config.oidc_household.clone(),
            waiting: Pending::new(FLOW, MAX_WAITING, MAX_PER_CLIENT),
            metadata: Mutex::new(None),
            in_flight: tokio::sync::Semaphore::new(MAX_IN_FLIGHT),
        }
    }

    pub fn available(&self) -> bool {
        self.provider.is_some()
    }

    /// The provider's name for people ("Authelia"), when the operator gave one.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The household unknown people join, when the operator chose one.
    pub fn household(&self) -> Option<&str> {
        self.household.as_deref()
    }

    fn provider(&self) -> Result<Provider, SsoError> {
        self.provider.clone().ok_or(SsoError::Unavailable)
    }

    /// Runs `request` to the provider on the blocking pool, when one of the few places
    /// for it is free within a few seconds.
    async fn off_thread<T: Send + 'static>(
        &self,
        request: impl FnOnce(Provider) -> Result<T, SsoError> + Send + 'static,
    ) -> Result<T, SsoError> {
        let provider = self.provider()?;
        let wait = tokio::time::timeout(Duration::from_secs(5), self.in_flight.acquire());
        let _permit = match wait.await {
            Ok(Ok(permit)) => permit,
            _ => return Err(SsoError::Busy),
        };
        tokio::task::spawn_blocking(move || request(provider))
            .await
            .map_err(|e| SsoError::Provider(e.to_string()))?
    }

    /// The provider's metadata: as read a few minutes ago, or read now.
    async fn metadata(&self) -> Result<Arc<CoreProviderMetadata>, SsoError> {
        let cached = self
            .metadata
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        if let Some((read, metadata)) = cached
            && read.elapsed() < METADATA_FOR
        {
            return Ok(metadata);
        }
        let metadata = Arc::new(self.off_thread(|provider| provider.discover()).await?);
        *self.metadata.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), Arc::clone(&metadata)));
        Ok(metadata)
    }

    /// Starts a flow for `purpose` from `client` (an address key): the flow's id (for the
    /// browser's cookie) and the provider's address to send the browser to.
    pub async fn start(
        &self,
        client: &str,
        purpose: Purpose,
    ) -> Result<(String, String), SsoError> {
        let metadata = self.metadata().await?;
        let client_of_provider = self.provider()?.client(&metadata);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client_of_provider
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        let flow = Flow {
            purpose,
            state,
            nonce,
            verifier,
            metadata,
        };
        let id = self
            .waiting
            .wait(client, flow)
            .map_err(|_| SsoError::Busy)?;
        Ok((id, url.to_string()))
    }

    /// Drops the flow `id` (the provider said no); what it was for.
    pub fn forget(&self, id: &str) -> Option<Purpose> {
        self.waiting.take(id).map(|flow| flow.purpose)
    }

    /// Finishes the flow `id` with the provider's answer (`code` and `state` from the way
    /// back): what it was for and who signed in. The flow is used up either way.
    pub async fn finish(
        &self,
        id: &str,
        code: String,
        state: &str,
    ) -> Result<(Purpose, Identity), SsoError> {
        let flow = self.waiting.take(id).ok_or(SsoError::Expired)?;
        if !token::constant_time_eq(flow.state.secret(), state) {
            return Err(SsoError::Expired);
        }
        let purpose = flow.purpose;
        let identity = self
            .off_thread(move |provider| provider.identify(flow, code))
            .await?;
        Ok((purpose, identity))
    }
}

impl Provider {
    fn new(config: &Config) -> Option<Provider> {
        let redirect = format!("{}/login/sso/callback", config.public_url());
        let issuer = config.oidc_issuer.as_deref()?.trim();
        let made = IssuerUrl::new(issuer.to_string())
            .map_err(|e| e.to_string())
            .and_then(|issuer| {
                let redirect = RedirectUrl::new(redirect).map_err(|e| e.to_string())?;
                Ok((issuer, redirect))
            });
        let (issuer, redirect) = made
            .map_err(|e| tracing::warn!("single sign-on is off: {e}"))
            .ok()?;
        // Checked at start (config validation): read again here, it cannot fail but by a
        // file changed meanwhile.
        let roots = match &config.oidc_issuer_ca {
            Some(path) => Some(
                crate::config::issuer_roots(path)
                    .map_err(|e| tracing::warn!("single sign-on is off: {e}"))
                    .ok()?,
            ),
            None => None,
        };
        Some(Provider {
            issuer,
            client_id: ClientId::new(config.oidc_client_id.clone()?),
            secret: config.oidc_client_secret.clone().map(ClientSecret::new),
            redirect,
            http: Http::new(roots),
        })
    }

    /// The provider's metadata and keys, read by discovery.
    fn discover(&self) -> Result<CoreProviderMetadata, SsoError> {
        CoreProviderMetadata::discover(&self.issuer, &self.http).map_err(|e| {
            tracing::warn!(issuer = %self.issuer.as_str(), "single sign-on discovery failed: {e}");
            SsoError::Provider(error_chain(&e))
        })
    }

    fn client(
        &self,
        metadata: &CoreProviderMetadata,
    ) -> CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    > {
        CoreClient::from_provider_metadata(
            metadata.clone(),
            self.client_id.clone(),
            self.secret.clone(),
        )
        .set_redirect_uri(self.redirect.clone())
    }

    /// Trades the code for tokens (with the PKCE verifier), checks the ID token and reads
    /// who it names; claims the ID token leaves out come from the userinfo endpoint.
    fn identify(&self, flow: Flow, code: String) -> Result<Identity, SsoError> {
        let client = self.client(&flow.metadata);
        let provider = |e: &dyn std::error::Error| {
            tracing::warn!(issuer = %self.issuer.as_str(), "single sign-on failed: {}", error_chain(e));
            SsoError::Provider(error_chain(e))
        };
        let tokens = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| provider(&e))?
            .set_pkce_verifier(flow.verifier)
            .request(&self.http)
            .map_err(|e| provider(&e))?;
        let id_token = tokens
            .id_token()
            .ok_or_else(|| SsoError::Refused("no ID token".into()))?;
        let verifier = client.id_token_verifier().set_allowed_algs([
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha384,
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha512,
            CoreJwsSigningAlgorithm::RsaSsaPssSha256,
            CoreJwsSigningAlgorithm::EcdsaP256Sha256,
            CoreJwsSigningAlgorithm::EcdsaP384Sha384,
            CoreJwsSigningAlgorithm::EdDsa,
        ]);
        let claims = id_token
            .claims(&verifier, &flow.nonce)
            .map_err(|e| SsoError::Refused(error_chain(&e)))?;
        let mut identity = Identity {
            issuer: claims.issuer().to_string(),
            subject: claims.subject().to_string(),
            email: bounded(claims.email().map(|e| e.to_string())),
            email_verified: claims.email_verified().unwrap_or(false),
            name: bounded(
                claims
                    .name()
                    .and_then(|n| n.get(None))
                    .map(|n| n.to_string()),
            ),
            username: bounded(claims.preferred_username().map(|u| u.to_string())),
        };
        let incomplete = identity.email.is_none() || identity.username.is_none();
        if incomplete && client.user_info_url().is_some() {
            // Some providers (Authelia by default) put only `sub` in the ID token.
            let subject = Some(claims.subject().clone());
            let info: Result<CoreUserInfoClaims, _> = client
                .user_info(tokens.access_token().clone(), subject)
                .map_err(|e| provider(&e))?
                .request(&self.http);
            match info {
                Ok(info) => identity.fill_from(&info),
                Err(e) => tracing::warn!("single sign-on: userinfo unreadable: {e}"),
            }
        }
        Ok(identity)
    }
}

impl Identity {
    /// Fills in what the ID token left out from the userinfo endpoint's claims (whose
    /// subject the library checked against the ID token's).
    fn fill_from(&mut self, info: &CoreUserInfoClaims) {
        if self.email.is_none() {
            self.email = bounded(info.email().map(|e| e.to_string()));
            self.email_verified = info.email_verified().unwrap_or(false);
        }
        if self.username.is_none() {
            self.username = bounded(info.preferred_username().map(|u| u.to_string()));
        }
        if self.name.is_none() {
            self.name = bounded(info.name().and_then(|n| n.get(None)).map(|n| n.to_string()));
        }
    }
}

/// A claim kept only when it is of a sensible length (an email is at most 254 characters):
/// it is stored, shown on pages and put in a flash cookie.
fn bounded(claim: Option<String>) -> Option<String> {
    claim.filter(|c| c.chars().count() <= 254 && !c.chars().any(char::is_control))
}

/// Requests to the provider: no redirects followed (an answer elsewhere is an error, not a
/// request the provider chose for us), bounded in time and size. Its HTTPS certificate is
/// checked against `roots` when the operator gave them (`oidc_issuer_ca`), else against
/// the public certificate authorities.
#[derive(Clone)]
struct Http(ureq::Agent);

impl Http {
    fn new(roots: Option<Vec<ureq::tls::Certificate<'static>>>) -> Http {
        let roots = roots.map_or(ureq::tls::RootCerts::WebPki, ureq::tls::RootCerts::from);
        let agent = ureq::Agent::config_builder()
            .tls_config(ureq::tls::TlsConfig::builder().root_certs(roots).build())
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(TIMEOUT))
            .user_agent(concat!("aisle/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Http(agent)
    }
}

impl SyncHttpClient for Http {
    type Error = ureq::Error;

    fn call(&self, request: HttpRequest) -> Result<HttpResponse, Self::Error> {
        let (parts, mut body) = self.0.run(request)?.into_parts();
        let bytes = body.with_config().limit(MAX_ANSWER).read_to_vec()?;
        Ok(HttpResponse::from_parts(parts, bytes))
    }
}

/// An error and its causes in one line ("request failed: connection refused").
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut line = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !line.contains(&text) {
            line = format!("{line}: {text}");
        }
        source = cause.source();
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_sign_on_is_off_without_a_provider() {
        let sso = Sso::new(&Config::default());
        assert!(!sso.available());
        let config = Config {
            oidc_issuer: Some("https://auth.example.org".into()),
            oidc_client_id: Some("aisle".into()),
            ..Config::default()
        };
        assert!(Sso::new(&config).available());
    }

    #[tokio::test]
    async fn a_flow_is_found_once_and_only_with_its_state() {
        let sso = Sso::new(&Config::default());
        assert!(matches!(
            sso.start("a", Purpose::SignIn).await,
            Err(SsoError::Unavailable)
        ));
        let (state, verifier) = (
            CsrfToken::new("s".into()),
            PkceCodeVerifier::new("v".into()),
        );
        let metadata: CoreProviderMetadata = serde_json::from_value(serde_json::json!({
            "issuer": "https://auth.example.org",
            "authorization_endpoint": "https://auth.example.org/auth",
            "jwks_uri": "https://auth.example.org/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
        }))
        .unwrap();
        let flow = Flow {
            purpose: Purpose::SignIn,
            state,
            nonce: Nonce::new("n".into()),
            verifier,
            metadata: Arc::new(metadata),
        };
        let id = sso.waiting.wait("a", flow).unwrap();
        // The wrong state uses the flow up: the right one then finds nothing.
        let wrong = sso.finish(&id, "code".into(), "other").await;
        assert!(matches!(wrong, Err(SsoError::Expired)));
        let again = sso.finish(&id, "code".into(), "s").await;
        assert!(matches!(again, Err(SsoError::Expired)));
    }
}
