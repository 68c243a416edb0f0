-- The database work of one order.created webhook ingest, as one transaction: what the silo's
-- load generator sends (bench/OrleansShop.Bench/SignedWebhooks.cs: card orders of a shop with no SMS,
-- shipping, invoicing or reviews) makes WebhookIngress call IOrderGrain.ApplyOnceAsync, and the new
-- order's one write commits
--   1. the grain's state: Orleans' ADO.NET grain storage, writetostorage as V002__orleans_fixes.sql
--      recreates it, a first write (version NULL) of the whole JSON record — state, the delivery's
--      inbox entry and its index row — as GrainJson writes it (2.5 KB; pending effects: none);
--   2. its read-model row in grain_index, the upsert of grains/Storage/ReadModels/GrainIndexStore.cs.
-- The silo commits both in one statement for many webhooks at once (GroupCommitGrainStorage); this
-- is the same work for one webhook, in one transaction, the straightforward way: the database's
-- limit for it, one commit (one WAL flush with fsync on) per ingest.
--
-- Not included, being no commits: the new order's activation read (finding nothing); the shop and
-- buyer-reputation grains, active and cached. A COD order with SMS confirmation also registers
-- Orleans' "effects" re-drive reminder (upsert_reminder_row) before its write, and its effects are
-- delivered after the 200; the load generator's card orders cause neither.
--
-- Parameters carry the types Npgsql sends (integer, bigint, text, bytea, boolean); pgbench runs this
-- with -M prepared. Keys are those the silo writes: state name 'order' with the grain key
-- shop/orderId (Orleans stores a string key with N0 = N1 = 0), Cluster:ServiceId 'dev'. Each run is a
-- new order of one shop. Two differences from the bytes the silo sends, neither of which changes
-- the work: the payload is the same for every order (only the keys vary), and there is a space after
-- every ':' that precedes true, false or null, which pgbench would otherwise read as a variable.
\set order random(1, 1000000000000)
\set idhash random(-2147483648, 2147483647)

BEGIN;

select * from WriteToStorage(
    :idhash::integer,
    0::bigint,
    0::bigint,
    1609812471::integer,                  -- GrainTypeHash: fixed per state name; the value does not matter
    'order'::text,
    ('bench/o-' || :client_id::text || '-' || :order::text)::text,
    'dev'::text,
    NULL::integer,                        -- a first write: no version yet
    convert_to(
        '{"state":{"status":"Received","details":{"reference":"warm1796170213-786","emailHash":"a5202c595e8f660d190acff32166081'
        '6cc479649c962c314aaedc0d1158244a9","emailKeyVersion":1,"sealedEmail": null,"phone":"\u002B905321234567","customerName"'
        ':"Ay\u015Fe Y\u0131lmaz","paymentMethod":"card","total":{"value":"12990.00","currency":"HUF"},"lines":[],"billingAddre'
        'ss": null,"shippingAddress": null,"reviewConsent": null,"placedAt": null,"reputationAtCheckout":{"known": false,"colle'
        'cted":0,"notCollected":0,"ratePercent": null},"policy":{"cod": false,"sms": null,"shipping": null,"reputationSignal": '
        'false,"invoicing": null,"reviews": null}},"createdAt":"2026-12-02T00:10:15.3295937+00:00","updatedAt":"2026-12-02T00:1'
        '0:15.3295948+00:00","lastChangeAt": null,"history":[{"at":"2026-12-02T00:10:15.3295948+00:00","event":"order.created",'
        '"eventId":"msg_warm1796170213_786","from": null,"to":"Received","outcome":"applied","reason": null,"occurredAt": null}'
        '],"historyDropped":0,"deferred":[],"sideEffects":{"sms":{"status":"none","sentAt": null,"confirmedAt": null,"detail": '
        'null},"invoice":{"status":"none","number": null,"url": null,"reason": null,"creditNote": null,"revision":0},"reputatio'
        'nReport":{"status":"none","outcome": null},"review":{"status":"none","eventRef": null,"detail": null},"protection":{"s'
        'tatus":"none","number": null,"detail": null},"shipment":{"status":"none","carrier": null,"trackingCode": null,"trackin'
        'gUrl": null,"detail": null}},"reportRevision":0,"payments":[]},"revision":1,"lastEffectId":0,"effects":[],"inbox":{"we'
        'bhook/bench/standard/msg_warm1796170213_786":{"at":"2026-12-02T00:10:15.32961+00:00","answer":"{\u0022eventId\u0022:\u'
        '0022msg_warm1796170213_786\u0022,\u0022orderId\u0022:\u0022warm1796170213-786\u0022,\u0022status\u0022:\u0022Received\'
        'u0022,\u0022outcome\u0022:\u0022applied\u0022,\u0022detail\u0022: null}"}},"index":{"orders/bench":{"index":"orders","'
        'partition":"bench","sortKey":"2026-12-02T00:10:15.329Z|warm1796170213-786","tag":"Received","summary":"{\u0022orderId\'
        'u0022:\u0022warm1796170213-786\u0022,\u0022reference\u0022:\u0022warm1796170213-786\u0022,\u0022status\u0022:\u0022Rec'
        'eived\u0022,\u0022cod\u0022: false,\u0022total\u0022:{\u0022amount\u0022:\u002212990.00\u0022,\u0022currency\u0022:\u0'
        '022HUF\u0022},\u0022createdAt\u0022:\u00222026-12-02T00:10:15.3295937\u002B00:00\u0022,\u0022updatedAt\u0022:\u0022202'
        '6-12-02T00:10:15.3295948\u002B00:00\u0022}","removed": false,"revision":1}},"indexedRevision":1,"oneShotReminders":{},'
        '"redriveRegistered": false}',
        'UTF8'));

-- Revision 1: the record's first. The sort key is the order's creation time and id, so new orders go
-- to the end of the shop's index, as live. (The colons of its format are quoted, so that pgbench does
-- not read ':MI' as a variable.)
INSERT INTO grain_index (service_id, index_name, partition_key, grain_type, grain_key, sort_key, tag, summary, revision, removed)
VALUES ('dev'::text, 'orders'::text, 'bench'::text, 'order'::text, ('bench/o-' || :client_id::text || '-' || :order::text)::text,
        to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24":"MI":"SS.MS"Z"') || '|o-' || :client_id::text || '-' || :order::text,
        'Received'::text,
        '{"orderId":"warm1796170213-786","reference":"warm1796170213-786","status":"Received","cod": false,"total":{"amount":"12990.00","currency":"HUF"},"createdAt":"2026-12-02T00:10:15.3295937+00:00","updatedAt":"2026-12-02T00:10:15.3295948+00:00"}'::text,
        1::bigint, false)
ON CONFLICT (service_id, index_name, partition_key, grain_type, grain_key) DO UPDATE
SET sort_key = excluded.sort_key, tag = excluded.tag, summary = excluded.summary, revision = excluded.revision, removed = excluded.removed
WHERE grain_index.revision < excluded.revision;

COMMIT;
