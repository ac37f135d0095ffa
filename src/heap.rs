//! How the program asks glibc's malloc to give memory back to the system
//! (elsewhere, these do nothing).

/// glibc's malloc serves a block of 128 KB or more from a mapping of its
/// own, returned to the system when freed, but each time it frees one it
/// raises that threshold to the block's size (up to 32 MB), so the next
/// large blocks (a laid-out text, a parse window's tree, the claims'
/// pools) come from the heap and stay resident after they are freed, one
/// heap per thread. A fixed threshold keeps them returnable: the reader's
/// peak on a 10 MB document drops by about a fifth (benches/README.md).
/// (Two heaps shared by the threads, instead of one each, took 1 to 2 MB
/// off that peak and made the load and the claims a third slower: not
/// done.) Call before any thread starts.
pub fn give_large_blocks_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tunable; it is called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
}

/// Hands the pages freed since the last call back to the system: glibc
/// keeps a thread's freed small blocks resident in its heap, and a parse
/// frees a window's worth of them every piece (at 10 MB, about 2 MB of
/// the reader's peak).
pub fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages; it touches no memory in use.
    unsafe {
        libc::malloc_trim(0);
    }
}
