#!/bin/sh
# What SQLite itself needs to store and to index one long reply (issue 14.6): peak RSS of the
# sqlite3 shell (the same system libsqlite3 that Qt's QSQLITE driver loads) for each step a
# saved reply goes through, with sluice's history schema for messages_fts.
#
#   bench/fts_row_memory.sh            # MB=40
#
# Needs the sqlite3 shell (Debian: sqlite3), GNU time (/usr/bin/time) and python3. Two
# texts: the benchmark's token repeated (as bench/reply_memory.sh streams), and random
# words from a 20 000-word vocabulary (closer to prose for the index); last, the varied text
# indexed as 1 MB rows, to show what an index in parts would need.
set -eu
MB=${MB:-40}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT INT TERM
cd "$WORK"

python3 - "$MB" <<'EOF'
import random, sys
size = int(sys.argv[1]) * 1_000_000
token = ('lorem ipsum dolor sit amet ' * 38)[:1000]
open('repeated.txt', 'w').write((token * (size // 1000 + 1))[:size])
random.seed(1)
words = [''.join(random.choice('abcdefghijklmnopqrstuvwxyz')
                 for _ in range(random.randint(2, 9))) for _ in range(20000)]
out, n = [], 0
while n < size:
    w = random.choice(words)
    out.append(w)
    n += len(w) + 1
varied = ' '.join(out)[:size]
open('varied.txt', 'w').write(varied)
for i in range(0, size, 1_000_000):  # the same text as 1 MB parts
    open('varied.%05d.txt' % (i // 1_000_000), 'w').write(varied[i:i + 1_000_000])
EOF

schema() {
    rm -f db.sqlite db.sqlite-wal db.sqlite-shm
    sqlite3 db.sqlite >/dev/null <<EOF
PRAGMA journal_mode=wal;
CREATE TABLE messages(id INTEGER PRIMARY KEY, content TEXT NOT NULL DEFAULT '',
  thinking TEXT NOT NULL DEFAULT '', state TEXT);
CREATE VIRTUAL TABLE messages_fts USING fts5(content, thinking, content='messages',
  content_rowid='id', tokenize='unicode61 remove_diacritics 2'$1);
INSERT INTO messages VALUES (1, '', '', 'streaming');
EOF
}

peak() { # label, SQL
    /usr/bin/time -f '%M' -o time.txt sqlite3 db.sqlite "$2" >/dev/null
    printf '%-52s %8.1f\n' "$1" "$(awk '{ print $1 / 1024 }' time.txt)"
}

printf '%-52s %8s\n' "step ($MB MB reply)" "peak MiB"
schema ""
peak "sqlite3 shell, nothing" "SELECT 1;"
for text in repeated varied; do
    schema ", prefix='2 3'"
    peak "$text: read the file (the text, once)" "SELECT length(readfile('$text.txt'));"
    peak "$text: store it as one row" \
        "UPDATE messages SET content = CAST(readfile('$text.txt') AS TEXT) WHERE id = 1;"
    peak "$text: read the stored row" "SELECT length(content) FROM messages WHERE id = 1;"
    peak "$text: index the row (prefix='2 3', as sluice)" \
        "INSERT INTO messages_fts(rowid, content, thinking)
         SELECT id, content, thinking FROM messages WHERE id = 1;"
    schema ""
    sqlite3 db.sqlite \
        "UPDATE messages SET content = CAST(readfile('$text.txt') AS TEXT) WHERE id = 1;"
    peak "$text: index the row (no prefix indexes)" \
        "INSERT INTO messages_fts(rowid, content, thinking)
         SELECT id, content, thinking FROM messages WHERE id = 1;"
done
schema ", prefix='2 3'"
peak "varied: index it as $MB rows of 1 MB (prefix='2 3')" \
    "CREATE VIRTUAL TABLE parts_fts USING fts5(content,
       tokenize='unicode61 remove_diacritics 2', prefix='2 3');
     WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $MB)
     INSERT INTO parts_fts SELECT CAST(readfile(printf('varied.%05d.txt', i)) AS TEXT) FROM n;"
