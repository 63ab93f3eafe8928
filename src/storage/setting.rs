//! The `settings` table: newsroom-wide settings shared by every instance.

use super::schema::settings;
use super::DbConnection;
use diesel::prelude::*;

pub fn get(conn: &mut DbConnection, key: &str) -> QueryResult<Option<String>> {
    settings::table
        .find(key)
        .select(settings::value)
        .first(conn)
        .optional()
}

/// Sets a value (update, else insert: portable across both backends).
pub fn set(conn: &mut DbConnection, key: &str, value: &str) -> QueryResult<()> {
    let changed = diesel::update(settings::table.find(key))
        .set(settings::value.eq(value))
        .execute(conn)?;
    if changed == 0 {
        diesel::insert_into(settings::table)
            .values((settings::key.eq(key), settings::value.eq(value)))
            .execute(conn)?;
    }
    Ok(())
}
