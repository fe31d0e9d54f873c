//! The per-list broadcast hub behind Server-Sent Events. A committed change is published
//! once, already serialised, to every subscriber of that list. A list's channel exists
//! only while it has subscribers.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::broadcast;

use crate::ids::ListId;

/// How many unread events a slow subscriber may fall behind before it is told to resync.
const CAPACITY: usize = 64;

/// One change as sent to phones: the JSON of the `change` event.
pub type Event = Arc<str>;

#[derive(Default)]
pub struct Hub {
    lists: Mutex<HashMap<ListId, broadcast::Sender<Event>>>,
}

/// A subscription to one list; dropping it unsubscribes (and frees the list's channel
/// when it was the last one).
pub struct Subscription {
    hub: Arc<Hub>,
    list: ListId,
    receiver: Option<broadcast::Receiver<Event>>,
}

impl Subscription {
    /// The list subscribed to.
    pub fn list(&self) -> ListId {
        self.list
    }

    /// The next event; `Err(Lagged)` when events were missed (the phone must catch up).
    pub async fn recv(&mut self) -> Result<Event, broadcast::error::RecvError> {
        match self.receiver.as_mut() {
            Some(r) => r.recv().await,
            None => Err(broadcast::error::RecvError::Closed),
        }
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        drop(self.receiver.take());
        let mut lists = self.hub.lock();
        if lists
            .get(&self.list)
            .is_some_and(|s| s.receiver_count() == 0)
        {
            lists.remove(&self.list);
        }
    }
}

impl Hub {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<ListId, broadcast::Sender<Event>>> {
        self.lists.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn subscribe(self: &Arc<Self>, list: ListId) -> Subscription {
        let receiver = self
            .lock()
            .entry(list)
            .or_insert_with(|| broadcast::channel(CAPACITY).0)
            .subscribe();
        Subscription {
            hub: Arc::clone(self),
            list,
            receiver: Some(receiver),
        }
    }

    /// Sends an event to the list's subscribers, if it has any.
    pub fn publish(&self, list: ListId, event: Event) {
        if let Some(sender) = self.lock().get(&list) {
            // An error only means nobody is listening any more.
            let _ = sender.send(event);
        }
    }

    /// Lists with subscribers, and subscribers in all (for /metrics and tests).
    pub fn counts(&self) -> (usize, usize) {
        let lists = self.lock();
        (
            lists.len(),
            lists.values().map(|s| s.receiver_count()).sum(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn fan_out_and_cleanup() {
        let hub = Arc::new(Hub::default());
        let mut a = hub.subscribe(ListId(1));
        let mut b = hub.subscribe(ListId(1));
        let _other = hub.subscribe(ListId(2));
        hub.publish(ListId(1), Arc::from("{\"version\":2}"));
        assert_eq!(&*a.recv().await.unwrap(), "{\"version\":2}");
        assert_eq!(&*b.recv().await.unwrap(), "{\"version\":2}");
        assert_eq!(hub.counts(), (2, 3));
        drop(a);
        drop(b);
        assert_eq!(hub.counts(), (1, 1));
        for _ in 0..10_000 {
            drop(hub.subscribe(ListId(3)));
        }
        assert_eq!(hub.counts(), (1, 1));
    }
}
