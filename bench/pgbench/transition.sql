-- The database work of one order.created webhook ingest on Orleans, as the silo issues it:
-- WebhookIngress calls IOrderGrain.ApplyOnceAsync, and the new order's EffectGrain.CommitAsync
-- (grains/Effects/EffectGrain.cs) then runs, in this order,
--   1. the "effects" re-drive reminder, registered because the transition left effects pending:
--      Orleans' ADO.NET reminder table, query UpsertReminderRowKey (upsert_reminder_row);
--   2. the grain's one state write: Orleans' ADO.NET grain storage, query WriteToStorageKey
--      (writetostorage as V002__orleans_fixes.sql recreates it), a first write (version NULL) of
--      the whole JSON record: state, pending effects, the delivery's inbox entry, index rows;
--   3. the read-model row: grain_index's upsert, the SQL of grains/Storage/ReadModels/GrainIndexStore.cs.
-- These are three round trips, not one transaction: Orleans' ADO.NET providers and our index
-- store each run their statement on a pooled connection in its own implicit (autocommit)
-- transaction, so one ingest is three commits (three WAL flushes with fsync on). Hence no
-- BEGIN/END here: pgbench runs each statement on its own, and one run of this script (a pgbench
-- "transaction") is one ingest.
--
-- Parameters carry the types Npgsql sends for Orleans' and our parameters (integer, bigint, text,
-- timestamptz, bytea, boolean); pgbench runs this with -M prepared, as the pools prepare them.
-- Keys are those the silo writes: state name 'order' with the grain key shop/orderId (Orleans
-- stores a string key with N0 = N1 = 0), reminder GrainId 'order/shop/orderId', Cluster:ServiceId
-- 'dev' (bench.sh leaves it at its default). Each run is a new order of one shop.
--
-- The record (4.9 KB) is what GrainJson writes for a COD order of a shop with SMS confirmation and
-- Trusted Shops Excellence: AwaitingSmsConfirmation, two pending effects (the SMS confirmation and
-- the buyer protection), one inbox entry, one index row. Real records are not smaller: a card
-- order with no effect at all is already about 2.5 KB. A row over about 2 KB has its payloadbinary
-- compressed in line (this one to about 2 KB), as the silo's rows do. Two differences from the
-- bytes Orleans sends, neither of which changes the work: the payload is the same for every order
-- (only the keys vary), and there is a space after every ':' that precedes true, false or null,
-- which pgbench would otherwise read as a variable. convert_to() only keeps the JSON readable.
--
-- The drive phase's own webhooks (bench/OrleansShop.Bench/SignedWebhooks.cs: card orders of a
-- shop with no SMS, shipping, invoicing or reviews) leave no effect pending, so for them the silo
-- registers no reminder: two commits an ingest, where this script has three.
--
-- Not included, being no commits: the new order's activation read (ReadFromStorageKey, finding
-- nothing); the shop and buyer-reputation grains, active and cached. The effects' delivery (other
-- grains' writes) and the order's write that settles them come after the 200, in later turns.
\set order random(1, 1000000000000)
\set idhash random(-2147483648, 2147483647)
\set remhash random(-2147483648, 2147483647)

-- 1. Orleans' reminder table: SELECT * FROM upsert_reminder_row(@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash)
SELECT * FROM upsert_reminder_row(
    'dev'::text,
    ('order/bench/o-' || :client_id::text || '-' || :order::text)::text,
    'effects'::text,
    now() + interval '1 minute',          -- StartAt: now plus the re-drive interval (default 1 minute)
    60000::integer,                       -- Period in milliseconds (an int while it fits)
    :remhash::integer);

-- 2. Orleans' grain storage: select * from WriteToStorage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
--    @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)
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
        '{"state":{"status":"AwaitingSmsConfirmation","details":{"reference":"o-100234","emailHash":"7f3a9c2e5b18d4e06a9f1c3b7d2e8a45f6b0c9d1e2a3b4c5d6e7f8091a2b3c4d",'
        '"emailKeyVersion":1,"sealedEmail":"1.q8Xo0bW3mZ1c5KQ7Vt2sLr9yHf4uNpAaE6jDgRkTiC0zMvWx-ObYl_3eUn8sPhG2QdFJoKw",'
        '"phone":"\u002B905321234567","customerName":"Ay\u015Fe Y\u0131lmaz","paymentMethod":"cod","total":{"value":"12990.00",'
        '"currency":"HUF"},"lines":[{"sku":"TS080501_2500_30_EUR","name":"Buyer protection","quantity":1,'
        '"unitPrice":"990.00","vatRate": null}],"billingAddress": null,"shippingAddress": null,"reviewConsent": null,'
        '"placedAt": null,"reputationAtCheckout":{"known": true,"collected":7,"notCollected":1,"ratePercent":87.5},'
        '"policy":{"cod": true,"sms":{"enabled": true,"keyword":"ONAY","expiresAfterMinutes":2880,"template":"Sn. (arg0),'
        ' (arg1) numarali siparisinizi onaylamak icin ONAY (arg1) yazip gonderin.","confirmedText":"Siparisiniz onaylanmistir."},'
        '"shipping": null,"reputationSignal": false,"invoicing": null,"reviews":{"enabled": true,"tsid":"X1A2B3C4D5E6F7G8H9I0J1K2L3M4N5O6P",'
        '"model":"excellence"}}},"createdAt":"2026-11-23T10:15:30.4821937+00:00","updatedAt":"2026-11-23T10:15:30.4821937+00:00",'
        '"lastChangeAt": null,"history":[{"at":"2026-11-23T10:15:30.4821937+00:00","event":"order.created",'
        '"eventId":"msg_2p9XkQ4hT7","from": null,"to":"AwaitingSmsConfirmation","outcome":"applied","reason": null,'
        '"occurredAt": null}],"historyDropped":0,"deferred":[],"sideEffects":{"sms":{"status":"pending","sentAt": null,'
        '"confirmedAt": null,"detail": null},"invoice":{"status":"none","number": null,"url": null,"reason": null,'
        '"creditNote": null,"revision":0},"reputationReport":{"status":"none","outcome": null},"review":{"status":"none",'
        '"eventRef": null,"detail": null},"protection":{"status":"pending","number": null,"detail": null},'
        '"shipment":{"status":"none","carrier": null,"trackingCode": null,"trackingUrl": null,"detail": null}},'
        '"reportRevision":0,"payments":[]},"revision":1,"lastEffectId":2,"effects":[{"id":1,"kind":"Message",'
        '"target":"OrleansShop.Grains.Sms.ISmsConfirmationGrain, OrleansShop.Grains","key":"bench/o-100234",'
        '"operation":"StartAsync","payload":"[{\u0022phone\u0022:\u0022\\u002B905321234567\u0022,\u0022customerName\u0022:\u0022Ay\\u015Fe Y\\u0131lmaz\u0022,'
        '\u0022reference\u0022:\u0022o-100234\u0022,\u0022countryCode\u0022: null,\u0022settings\u0022:{\u0022enabled\u0022: true,'
        '\u0022keyword\u0022:\u0022ONAY\u0022,\u0022expiresAfterMinutes\u0022:2880,\u0022template\u0022:\u0022Sn. (arg0),'
        ' (arg1) numarali siparisinizi onaylamak icin ONAY (arg1) yazip gonderin.\u0022,\u0022confirmedText\u0022:\u0022Siparisiniz onaylanmistir.\u0022}}]",'
        '"idempotencyKey":"order/bench/o-100234/e1","replyMethod": null,"createdAt":"2026-11-23T10:15:30.4821937+00:00",'
        '"attempts":0,"dueAt":"2026-11-23T10:15:30.4821937+00:00","lastError": null,"dead": false,"listed": false,'
        '"targetName":"OrleansShop.Grains.Sms.ISmsConfirmationGrain"},{"id":2,"kind":"Message","target":"OrleansShop.Grains.Reviews.IBuyerProtectionGrain,'
        ' OrleansShop.Grains","key":"bench/o-100234","operation":"RegisterAsync","payload":"[{\u0022shopId\u0022:\u0022bench\u0022,'
        '\u0022orderId\u0022:\u0022o-100234\u0022,\u0022tsid\u0022:\u0022X1A2B3C4D5E6F7G8H9I0J1K2L3M4N5O6P\u0022,'
        '\u0022productId\u0022:\u0022TS080501_2500_30_EUR\u0022,\u0022total\u0022:{\u0022value\u0022:\u002212990.00\u0022,'
        '\u0022currency\u0022:\u0022HUF\u0022},\u0022paymentMethod\u0022:\u0022cod\u0022,\u0022cod\u0022: true,'
        '\u0022reference\u0022:\u0022o-100234\u0022,\u0022sealedEmail\u0022:\u00221.q8Xo0bW3mZ1c5KQ7Vt2sLr9yHf4uNpAaE6jDgRkTiC0zMvWx-ObYl_3eUn8sPhG2QdFJoKw\u0022,'
        '\u0022orderedAt\u0022:\u00222026-11-23T10:15:30.4821937\u002B00:00\u0022}]","idempotencyKey":"order/bench/o-100234/e2",'
        '"replyMethod": null,"createdAt":"2026-11-23T10:15:30.4821937+00:00","attempts":0,"dueAt":"2026-11-23T10:15:30.4821937+00:00",'
        '"lastError": null,"dead": false,"listed": false,"targetName":"OrleansShop.Grains.Reviews.IBuyerProtectionGrain"}],'
        '"inbox":{"webhook/bench/standard/msg_2p9XkQ4hT7":{"at":"2026-11-23T10:15:30.4821937+00:00","answer":"{\u0022eventId\u0022:\u0022msg_2p9XkQ4hT7\u0022,'
        '\u0022orderId\u0022:\u0022o-100234\u0022,\u0022status\u0022:\u0022AwaitingSmsConfirmation\u0022,'
        '\u0022outcome\u0022:\u0022applied\u0022,\u0022detail\u0022: null}"}},"index":{"orders/bench":{"index":"orders",'
        '"partition":"bench","sortKey":"2026-11-23T10:15:30.482Z|o-100234","tag":"AwaitingSmsConfirmation",'
        '"summary":"{\u0022orderId\u0022:\u0022o-100234\u0022,\u0022reference\u0022:\u0022o-100234\u0022,'
        '\u0022status\u0022:\u0022AwaitingSmsConfirmation\u0022,\u0022cod\u0022: true,\u0022total\u0022:{\u0022amount\u0022:\u002212990.00\u0022,'
        '\u0022currency\u0022:\u0022HUF\u0022},\u0022createdAt\u0022:\u00222026-11-23T10:15:30.4821937\u002B00:00\u0022,'
        '\u0022updatedAt\u0022:\u00222026-11-23T10:15:30.4821937\u002B00:00\u0022}","removed": false,"revision":1}},'
        '"indexedRevision":0,"oneShotReminders":{},"redriveRegistered": true}',
        'UTF8'));

-- 3. The read model (GrainIndexStore.Upsert), revision 1: the record's first revision. The sort key
--    is the order's creation time and id, so new orders go to the end of the shop's index, as live.
--    (The colons of its format are quoted, so that pgbench does not read ':MI' as a variable.)
INSERT INTO grain_index (service_id, index_name, partition_key, grain_type, grain_key, sort_key, tag, summary, revision, removed)
VALUES ('dev'::text, 'orders'::text, 'bench'::text, 'order'::text, ('bench/o-' || :client_id::text || '-' || :order::text)::text,
        to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24":"MI":"SS.MS"Z"') || '|o-' || :client_id::text || '-' || :order::text,
        'AwaitingSmsConfirmation'::text,
        '{"orderId":"o-100234","reference":"o-100234","status":"AwaitingSmsConfirmation","cod": true,"total":{"amount":"12990.00","currency":"HUF"},"createdAt":"2026-11-23T10:15:30.4821937+00:00","updatedAt":"2026-11-23T10:15:30.4821937+00:00"}'::text,
        1::bigint, false)
ON CONFLICT (service_id, index_name, partition_key, grain_type, grain_key) DO UPDATE
SET sort_key = excluded.sort_key, tag = excluded.tag, summary = excluded.summary, revision = excluded.revision, removed = excluded.removed
WHERE grain_index.revision < excluded.revision;
