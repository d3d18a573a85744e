//! Networks for analysis: the stored network of a scope, level and day ([`stored`]), external
//! network files ([`file`]), and the analysis report ([`analysis`]) that the command line and
//! the network pages share.

pub mod analysis;
pub mod compare;
pub mod export;
pub mod file;
pub mod impact;
pub mod stored;
