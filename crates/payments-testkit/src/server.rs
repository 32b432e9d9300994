//! Running an axum router on a loopback port.

use std::net::SocketAddr;
use std::sync::Mutex;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::error::SandboxError;
use crate::util::lock;

/// Binds `127.0.0.1:0`.
pub(crate) async fn bind() -> Result<(TcpListener, SocketAddr), SandboxError> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    Ok((listener, addr))
}

/// A running server; dropping it stops it.
#[derive(Debug)]
pub(crate) struct Server {
    stop: Mutex<Option<oneshot::Sender<()>>>,
    task: Mutex<Option<JoinHandle<()>>>,
}

impl Server {
    /// Serves `router` on `listener` in a background task.
    pub(crate) fn spawn(listener: TcpListener, router: Router) -> Server {
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        Server {
            stop: Mutex::new(Some(tx)),
            task: Mutex::new(Some(task)),
        }
    }

    /// Stops accepting connections and waits for the server task.
    pub(crate) async fn shutdown(&self) {
        if let Some(tx) = lock(&self.stop).take() {
            let _ = tx.send(());
        }
        let task = lock(&self.task).take();
        if let Some(task) = task {
            task.abort();
            let _ = task.await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = lock(&self.stop).take() {
            let _ = tx.send(());
        }
        if let Some(task) = lock(&self.task).take() {
            task.abort();
        }
    }
}

/// Base URL `http://127.0.0.1:<port>` of an address.
pub(crate) fn base_url(addr: SocketAddr) -> String {
    format!("http://{addr}")
}
