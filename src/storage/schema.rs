//! Diesel table definitions shared by both backends. Only portable types: ids are UUIDs as text,
//! timestamps are UTC without zone, JSON documents are text.

diesel::table! {
    users (id) {
        id -> Text,
        username -> Text,
        display_name -> Text,
        role -> Text,
        password_hash -> Text,
        disabled -> Bool,
        created_at -> Timestamp,
        language -> Nullable<Text>,
    }
}

diesel::table! {
    sessions (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        csrf_token -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    articles (id) {
        id -> Text,
        title -> Text,
        body -> Text,
        language -> Text,
        outlet -> Nullable<Text>,
        url -> Nullable<Text>,
        published_at -> Nullable<Date>,
        status -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
        assigned_to -> Nullable<Text>,
        signed_off_by -> Nullable<Text>,
        signed_off_at -> Nullable<Timestamp>,
        content_hash -> Nullable<Text>,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Text,
        user_id -> Text,
        name -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    statements (id) {
        id -> Text,
        article_id -> Text,
        span_start -> Integer,
        span_end -> Integer,
        text -> Text,
        kind -> Text,
        values_json -> Text,
        gloss_en -> Nullable<Text>,
        score -> Double,
        rule -> Text,
        origin -> Text,
        verdict -> Text,
        note -> Text,
        reviewed_by -> Nullable<Text>,
        reviewed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
        assigned_to -> Nullable<Text>,
        approval -> Text,
        approved_by -> Nullable<Text>,
        approved_at -> Nullable<Timestamp>,
        rejection_reason -> Nullable<Text>,
    }
}

diesel::table! {
    comments (id) {
        id -> Text,
        statement_id -> Text,
        author_id -> Text,
        body -> Text,
        mentions -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    settings (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::table! {
    sources (id) {
        id -> Text,
        statement_id -> Text,
        position -> Integer,
        url -> Text,
        title -> Nullable<Text>,
        excerpt -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    audit_events (seq) {
        seq -> BigInt,
        occurred_at -> Timestamp,
        actor_id -> Nullable<Text>,
        actor_name -> Text,
        action -> Text,
        entity_type -> Text,
        entity_id -> Text,
        article_id -> Nullable<Text>,
        before_json -> Nullable<Text>,
        after_json -> Nullable<Text>,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Text,
        username -> Text,
        failed_at -> Timestamp,
        client -> Text,
    }
}

diesel::table! {
    notifications (id) {
        id -> Text,
        user_id -> Text,
        kind -> Text,
        statement_id -> Nullable<Text>,
        article_id -> Text,
        actor -> Text,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    presence (id) {
        id -> Text,
        article_id -> Text,
        user_id -> Text,
        seen_at -> Timestamp,
    }
}

diesel::table! {
    statement_keys (key, statement_id) {
        key -> Text,
        statement_id -> Text,
        article_id -> Text,
    }
}

diesel::table! {
    key_counts (key) {
        key -> Text,
        statements -> BigInt,
    }
}

diesel::table! {
    statement_meaning (statement_id) {
        statement_id -> Text,
        vector -> Binary,
    }
}

diesel::table! {
    statement_matches (statement_id, match_id) {
        statement_id -> Text,
        match_id -> Text,
        score -> Double,
        reason -> Text,
        created_at -> Timestamp,
        dismissed_by -> Nullable<Text>,
        dismissed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    facts (id) {
        id -> Text,
        subject -> Text,
        aliases_json -> Text,
        attribute -> Text,
        value -> Nullable<Double>,
        unit -> Nullable<Text>,
        date -> Nullable<Date>,
        source_url -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(presence -> users (user_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(statements -> articles (article_id));
diesel::joinable!(sources -> statements (statement_id));
diesel::joinable!(comments -> statements (statement_id));

diesel::allow_tables_to_appear_in_same_query!(
    presence,
    notifications,
    users,
    sessions,
    api_tokens,
    articles,
    statements,
    sources,
    audit_events,
    statement_keys,
    statement_matches,
    statement_meaning,
    facts
);
