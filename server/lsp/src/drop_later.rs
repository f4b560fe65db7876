//! Dropping large values off the latency path.
//!
//! After a keystroke, the previous version of a big document (its syntax
//! tree, the declarations the edit replaced) is freed once the new analysis
//! no longer needs it. Freeing tens of thousands of small allocations takes
//! milliseconds on a 100k-line file; a background thread does it, so the
//! diagnostics are not kept waiting.

use std::any::Any;
use std::sync::mpsc::{channel, Sender};
use std::sync::OnceLock;

type Garbage = Box<dyn Any + Send>;

/// Drops `value` on the background thread, or here if that thread cannot
/// be started.
pub fn drop_later<T: Send + 'static>(value: T) {
    static SENDER: OnceLock<Option<Sender<Garbage>>> = OnceLock::new();
    let sender = SENDER.get_or_init(|| {
        let (sender, receiver) = channel::<Garbage>();
        let dropper = std::thread::Builder::new()
            .name("ims-drop".to_string())
            .spawn(move || receiver.into_iter().for_each(drop));
        dropper.ok().map(|_| sender)
    });
    if let Some(sender) = sender {
        // A send fails only when the thread is gone; the value then comes
        // back and is dropped here.
        let _ = sender.send(Box::new(value));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::channel;

    use super::drop_later;

    struct Signal(std::sync::mpsc::Sender<std::thread::ThreadId>);

    impl Drop for Signal {
        fn drop(&mut self) {
            let _ = self.0.send(std::thread::current().id());
        }
    }

    #[test]
    fn values_are_dropped_on_another_thread() {
        let (sender, receiver) = channel();
        drop_later(Signal(sender));
        let dropped_on = receiver.recv().expect("the value is dropped");
        assert_ne!(dropped_on, std::thread::current().id());
    }
}
