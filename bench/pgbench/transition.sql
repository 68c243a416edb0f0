-- One webhook ingest as the runtime commits it (grains/Runtime/Storage/TurnStatements.cs): a new
-- order's state row, the delivery's inbox row, the order's index row and one outbox row, in one
-- transaction. pgbench runs it with prepared statements, as the silo's Npgsql pool does.
\set n random(1, 2000000000)
BEGIN;
INSERT INTO grain_state (service_id, grain_type, grain_key, version, payload, updated_at)
VALUES ('pgbench', 'order', 'bench/' || :client_id || '-' || :n, 1,
        '{"shopId":"bench","orderId":"o","status":"received","emailHash":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","total":{"amount":"12990.00","currency":"HUF"},"paymentMethod":"card","sideEffects":{}}', 0)
ON CONFLICT DO NOTHING;
INSERT INTO inbox (service_id, inbox_key, grain_type, grain_key, result, created_at)
VALUES ('pgbench', 'webhook/bench/standard/msg-' || :client_id || '-' || :n, 'order', 'bench/' || :client_id || '-' || :n,
        '{"eventId":"e","orderId":"o","status":"received","outcome":"applied","detail": null}', 0)
ON CONFLICT DO NOTHING;
INSERT INTO grain_index (service_id, index_name, partition_key, grain_type, grain_key, sort_key, tag, summary)
VALUES ('pgbench', 'orders-by-shop', 'bench', 'order', 'bench/' || :client_id || '-' || :n, '2026-11-23T00:00:00.000Z|o', 'Received',
        '{"orderId":"o","status":"received","total":{"amount":"12990.00","currency":"HUF"}}')
ON CONFLICT (service_id, index_name, partition_key, grain_type, grain_key)
DO UPDATE SET sort_key = excluded.sort_key, tag = excluded.tag, summary = excluded.summary;
INSERT INTO outbox (service_id, kind, target_type, target_key, operation, payload, idempotency_key,
                    reply_type, reply_key, reply_operation, state, attempts, due_at, created_at)
VALUES ('pgbench', 'message', 'reputation-report', 'bench/' || :client_id || '-' || :n, 'ReportAsync', '["0123456789abcdef",0,"2026-11-23T00:00:00Z"]',
        'order/bench/' || :client_id || '-' || :n || '/v1/0', NULL, NULL, NULL, 'pending', 0, 4102444800000, 0);
END;
