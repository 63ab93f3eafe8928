# Messages of the individual pages (shared ones are in common.ftl).

## login.html
login-title = Log in
login-username = Username
login-password = Password
login-submit = Log in

## articles.html
articles-title = Articles
articles-load = Load an article
articles-empty = No article yet.
articles-empty-editor = Load one to start.
articles-col-title = Title
articles-col-outlet = Outlet
articles-col-published = Published
articles-col-language = Lang
articles-col-status = Status

## article_new.html
article-new-title = Load an article
article-new-field-title = Title
article-new-field-title-placeholder = Taken from the text when left empty
article-new-outlet = Outlet
article-new-url = URL
article-new-published = Published
article-new-language = Language
article-new-detect = Detect
article-new-text = Text
article-new-text-placeholder = Paste the article text here
article-new-upload = …or upload a file (.txt, .md, .html)
article-new-submit = Load and split into statements

## error.html
error-title = Error { $status }
error-not-found = Not found
error-forbidden = Not allowed
error-generic = Something went wrong
error-back = Back to the articles

## activity.html
activity-title = Activity: { $title }
activity-heading = Activity
activity-when = When
activity-who = Who
activity-what = What
activity-on = On
activity-changes = Changes
activity-entity-statement = statement
activity-none = (none)
activity-details = details
activity-no-more = No more events.
activity-later = Later events →

## queue.html
queue-title = My queue
queue-hint = Statements assigned to you that need a verdict. Rejected verdicts come back here with the reason.
queue-kind = Kind
queue-any = any
queue-state = State
queue-state-rejected = rejected, to redo
queue-order = Order
queue-sort-score = most check-worthy first
queue-sort-article = article by article
queue-sort-recent = recently changed first
queue-show = Show
queue-empty = Nothing to review.
queue-range = { $first }–{ $last } of { $total }
queue-statement = Statement
queue-article = Article
queue-score = Score
queue-pages-label = Queue pages
queue-previous = ← previous
queue-page = page { $page } of { $pages }
queue-next = next →
queue-approvals = Awaiting your approval
queue-approvals-hint = Verdicts by others that need a second person before they are final.
queue-approvals-empty = Nothing awaits your approval.
queue-verdict = Verdict
queue-by = By
queue-note = Note

## statement.html
statement-title = Statement
statement-back = ← Back to the article
statement-kind = Kind
statement-span = Span
statement-span-bytes = bytes { $start }–{ $end }
statement-gloss = English gloss
statement-values = Values
statement-found-by = Found by
statement-origin-extracted = extracted
statement-origin-manual = manual
statement-score = check-worthiness
statement-verdict = Verdict
statement-approval = approval:
statement-assigned-to = Assigned to
statement-note = Note
statement-sources = Sources
statement-edit = Edit or delete this statement
statement-correction-reason = Correction reason
statement-delete-confirm = Delete this statement? Its history stays in the audit trail.
statement-delete = Delete statement
statement-discussion = Discussion
statement-mentions = mentions { $names }
statement-no-comment = No comment yet.
statement-comment-label = Add to the discussion (mention someone with @username)
statement-post = Post
statement-history = History
statement-when = When
statement-who = Who
statement-what = What
statement-changes = Changes
statement-none = (none)
statement-details = details

## users.html
users-title = Users
users-username = Username
users-name = Name
users-role = Role
users-status = Status
users-disabled = disabled
users-active = active
users-enable = Enable
users-disable = Disable
users-add = Add a user
users-display-name = Display name
users-password = Password (at least 10 characters)
users-create = Create user

## tokens.html
tokens-title = API tokens
tokens-hint-send = For integrations (a CMS, a script): send
tokens-hint-token = TOKEN
tokens-hint-role = . A token acts with your role until you revoke it.
tokens-created-new = Your new token
tokens-created-copy = . Copy it now: it is shown only this once.
tokens-name-label = Name (what uses it)
tokens-create = Create a token
tokens-name = Name
tokens-created = Created
tokens-status = Status
tokens-revoked = revoked
tokens-active = active
tokens-revoke-confirm = Revoke this token? Integrations using it will stop working.
tokens-revoke = Revoke
tokens-empty = No token yet.

nav-search = Search
nav-facts = Fact base
search-title = Search
search-label = Search statements, notes and sources
search-button = Search
search-any-verdict = any verdict
search-any-kind = any kind
search-from = from
search-to = to
search-reviewer = reviewer
search-results = { $count ->
    [one] 1 statement
   *[other] { $count } statements
}
search-none = Nothing found.
search-in = in
facts-title = Fact base
facts-intro = Reference facts the desk relies on. Statements naming a subject are pre-checked against them on the review page: a suggestion with its arithmetic, never a verdict.
facts-subject = Subject
facts-aliases = Other names (comma-separated)
facts-attribute = Attribute
facts-value = Value
facts-unit = Unit
facts-date = Date
facts-source = Source
facts-add = Add the fact
facts-delete = Delete
facts-delete-confirm = Delete this fact? The audit trail keeps it.
facts-none = No fact yet.
