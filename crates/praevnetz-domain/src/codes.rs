//! Closed vocabularies stored as stable text codes.
//!
//! Each vocabulary is an enum whose variants have a code (stored in the database, used in files and
//! URLs) and a label per language (from the catalogue, message id `<prefix>-<code>`). Input accepts
//! the code or either language's label, ignoring case, so German spreadsheets can say
//! "Kommune / Verwaltung" where the database says `municipality`.

/// Defines a code enum; see the module documentation.
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $prefix:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in the order of declaration.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];
            /// Prefix of this vocabulary's message ids in the catalogue.
            pub const MESSAGE_PREFIX: &'static str = $prefix;

            /// The stable code.
            pub const fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code),+
                }
            }

            /// The value with exactly this code.
            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    $($code => Some(Self::$variant),)+
                    _ => None,
                }
            }

            /// The catalogue id of this value's label.
            pub fn message_id(self) -> String {
                format!("{}-{}", $prefix, self.code())
            }

            /// The label in `lang`.
            pub fn label(self, lang: $crate::i18n::Lang) -> String {
                $crate::i18n::catalog().message(lang, &self.message_id(), &$crate::i18n::Args::new())
            }

            /// Reads a code or a label in any supported language, ignoring case and surrounding
            /// space.
            pub fn parse(input: &str) -> Result<Self, $crate::error::Rule> {
                let wanted = input.trim();
                if let Some(value) = Self::from_code(wanted) {
                    return Ok(value);
                }
                let folded = wanted.to_lowercase();
                for value in Self::ALL {
                    if value.code() == folded {
                        return Ok(*value);
                    }
                    for lang in $crate::i18n::Lang::ALL {
                        if value.label(lang).to_lowercase() == folded {
                            return Ok(*value);
                        }
                    }
                }
                Err($crate::error::Rule::UnknownCode {
                    found: wanted.to_owned(),
                    allowed: Self::ALL.iter().map(|v| v.code()).collect::<Vec<_>>().join(", "),
                })
            }
        }

        impl $crate::codes::Code for $name {
            fn code(self) -> &'static str {
                $name::code(self)
            }
            fn from_code(code: &str) -> Option<Self> {
                $name::from_code(code)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                Self::from_code(&code).ok_or_else(|| {
                    serde::de::Error::custom(format!("unknown {} code '{}'", $prefix, code))
                })
            }
        }
    };
}

pub(crate) use code_enum;

/// A closed vocabulary with stable codes (implemented by every code enum).
pub trait Code: Sized + Copy + 'static {
    /// The stable code.
    fn code(self) -> &'static str;
    /// The value with exactly this code.
    fn from_code(code: &str) -> Option<Self>;
}
