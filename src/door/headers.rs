//! The headers the front door adds to every request it passes on to Rocket.

/// The header by which the front door proves to Rocket that it passed a request on (its
/// value is the per-process secret). Rocket believes `CLIENT_IP_HEADER` only beside it.
pub const DOOR_HEADER: &str = "x-aisle-front-door";
/// The client's address, as the front door saw it.
pub const CLIENT_IP_HEADER: &str = "x-real-ip";
/// The local address a connection reached (the machine's own address the client used),
/// believed only beside `DOOR_HEADER`: links fall back to it when aisle listens on every
/// address and no `public_url` is set.
pub const REACHED_IP_HEADER: &str = "x-aisle-reached-ip";
