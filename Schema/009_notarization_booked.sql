-- 预约办证 is not a service of its own (DOMAIN.md, notarization): a matter is handled at the window
-- or on a home visit, and either may be booked. `booked` is a statistics column of the cases row;
-- notary.appointments counts it. Files written before the flag existed say `service: appointment`,
-- which reads as `service: window` with `booked: true` — the engine and the importer map it when
-- they fold the opening event; here the case rows already stored get the same reading. Events are
-- not touched (the log is append-only; a re-fold gives the same row).
ALTER TABLE cases ADD COLUMN booked boolean;

UPDATE cases SET booked = (service = 'appointment'), service = CASE WHEN service = 'appointment' THEN 'window' ELSE service END
WHERE workflow = 'notarization';
