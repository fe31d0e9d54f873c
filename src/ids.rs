//! Typed ids: a list id can never be passed where a household id is expected.

use serde::{Deserialize, Serialize};

macro_rules! typed_id {
    ($($name:ident),*) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        // Digits never need HTML escaping, and askama writes integers without a Formatter:
        // a list page writes ids ~450 times.
        impl askama::filters::HtmlSafe for $name {}

        impl askama::FastWritable for $name {
            fn write_into(
                &self,
                dest: &mut dyn std::fmt::Write,
                values: &dyn askama::Values,
            ) -> askama::Result<()> {
                self.0.write_into(dest, values)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse::<i64>().map($name)
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                i64::column_result(v).map($name)
            }
        }
    )*};
}

typed_id!(
    HouseholdId,
    UserId,
    ListId,
    ItemId,
    CategoryId,
    StoreId,
    TokenId,
    InviteId,
    ProductId,
    PriceId,
    TemplateId,
    PasskeyId
);
