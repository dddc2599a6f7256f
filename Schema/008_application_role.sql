-- The role the application's everyday work runs as (issue 7): it may read and add events, log
-- records and sealed personal data, but never change or remove them. The owner (who runs the
-- migrations, backups and restores) keeps full rights; the append-only triggers of migration 001
-- stay as a second line. The application connects as the owner and every session then runs as
-- anjie_app (`DatabaseTarget.asApplication`); with an external database, the operator may instead
-- give the application a login role that is only a member of anjie_app (docs/operations.md).
--
-- Creating a role needs CREATEROLE: where the owner lacks it, the migration only grants to an
-- anjie_app that an administrator created, and the application keeps running as the owner.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anjie_app') THEN
        IF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
            BEGIN
                CREATE ROLE anjie_app NOLOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- another database of the same cluster created it a moment ago
            END;
        ELSE
            RAISE NOTICE 'anjie_app role missing and % may not create roles: the application runs as the owner', current_user;
            RETURN;
        END IF;
    END IF;
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('GRANT anjie_app TO %I', current_user);
    END IF;
    GRANT USAGE ON SCHEMA public TO anjie_app;
    GRANT SELECT ON schema_migrations TO anjie_app;
    -- The record: append and read, nothing else.
    GRANT SELECT, INSERT ON events, log_records, pii_values, pii_keys TO anjie_app;
    -- Current state, counters and settings the application maintains.
    GRANT SELECT, INSERT, UPDATE ON cases, case_counters, calendar_years, county_settings, api_tokens, idempotency_keys TO anjie_app;
END
$$;

-- ANALYZE is for the table's owner; the importer needs it once on a young `cases` table (see
-- ImportWriter.analyzeCasesIfUnknown) and after a large import, so the owner lends exactly that.
CREATE FUNCTION anjie_analyze_cases() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    ANALYZE cases;
END
$$;
CREATE FUNCTION anjie_analyze_tables() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    ANALYZE cases, events, log_records, pii_values;
END
$$;
REVOKE ALL ON FUNCTION anjie_analyze_cases() FROM PUBLIC;
REVOKE ALL ON FUNCTION anjie_analyze_tables() FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anjie_app') THEN
        GRANT EXECUTE ON FUNCTION anjie_analyze_cases(), anjie_analyze_tables() TO anjie_app;
    END IF;
END
$$;
