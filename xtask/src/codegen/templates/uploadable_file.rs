use std::fmt;

/// A file to upload (Python `UploadableFile`): a name, the content, its content type and
/// its length (`-1` when unknown).
///
/// It is not a data object and has no JSON form; no API call of this SDK version takes
/// one. The content is held in memory as bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadableFile {
    file_name: String,
    content: Vec<u8>,
    content_type: String,
    content_length: i64,
}

impl UploadableFile {
    /// A file of unknown length. Fails when `file_name` or `content_type` is blank.
    pub fn new(
        file_name: impl Into<String>,
        content: impl Into<Vec<u8>>,
        content_type: impl Into<String>,
    ) -> Result<Self, InvalidUploadableFile> {
        let file_name = file_name.into();
        let content_type = content_type.into();
        if file_name.trim().is_empty() {
            return Err(InvalidUploadableFile { field: "file_name" });
        }
        if content_type.trim().is_empty() {
            return Err(InvalidUploadableFile { field: "content_type" });
        }
        Ok(Self { file_name, content: content.into(), content_type, content_length: -1 })
    }

    /// Sets the content length; values below `-1` mean unknown (`-1`).
    #[must_use]
    pub fn with_content_length(mut self, content_length: i64) -> Self {
        self.content_length = content_length.max(-1);
        self
    }

    /// The name of the file.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The file's content.
    pub fn content(&self) -> &[u8] {
        &self.content
    }

    /// The file's content type.
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// The file's content length, or `-1` when unknown.
    pub fn content_length(&self) -> i64 {
        self.content_length
    }
}

/// An [`UploadableFile`] was given a blank required value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidUploadableFile {
    field: &'static str,
}

impl InvalidUploadableFile {
    /// The name of the blank value (`file_name` or `content_type`).
    pub fn field(&self) -> &'static str {
        self.field
    }
}

impl fmt::Display for InvalidUploadableFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is required", self.field)
    }
}

impl std::error::Error for InvalidUploadableFile {}
