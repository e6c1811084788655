//! Errors that stop a run (exit code 2); problems in posts are diagnostics instead.

use crate::config::ConfigError;

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("{0}")]
    Config(ConfigError),
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Io(String),
}

impl From<ConfigError> for RunError {
    fn from(e: ConfigError) -> Self {
        RunError::Config(e)
    }
}
