//! Tests of the shop as a whole: rendering, the stylesheet and assets, and the routes over
//! real loopback HTTP against the sandboxes.

mod assets;
mod routes;
mod views;
