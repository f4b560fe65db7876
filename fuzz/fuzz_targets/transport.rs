//! Arbitrary bytes on the language server's standard input: never a panic
//! or a hang, whatever a client sends.
//!
//! The input is one whole session: it goes through the real transport
//! (framing, resynchronisation, the ordered update path) into the real
//! server, as `ims lsp` runs it, in process. The output is discarded; what
//! is checked is that the session ends at the end of its input, without a
//! panic (libFuzzer reports a panic even where the server would catch it).
//! Time is paused and moves on when nothing is left to do, so the grace
//! period the transport gives a server after the end of its input costs
//! nothing here.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .expect("a runtime");
    let input = std::io::Cursor::new(data.to_vec());
    runtime.block_on(async {
        // In paused time: an hour of the server's own timers, not of ours.
        let session = ims_lsp::serve(input, tokio::io::sink());
        tokio::time::timeout(std::time::Duration::from_secs(3600), session)
            .await
            .expect("the session ends at the end of its input");
    });
    // Dropped, not shut down in the background: the blocking threads are
    // joined, so that nothing of a run outlives it (LeakSanitizer reports a
    // thread's storage still held at the exit of the fuzzer).
    drop(runtime);
});
