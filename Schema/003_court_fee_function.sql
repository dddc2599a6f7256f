-- 诉讼费用交纳办法 art. 13: the acceptance fee of a property case, cumulative by band, full fee.
-- 50 yuan when the amount is missing or at most 10,000. Used by mediation.litigation_cost_saved;
-- the domain's CourtFee is the same table and a test keeps the two equal.
CREATE FUNCTION anjie_court_fee(amount numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN amount IS NULL OR amount <= 10000 THEN 50::numeric ELSE round(
        50
        + (least(amount, 100000) - 10000) * 0.025
        + greatest(least(amount, 200000) - 100000, 0) * 0.02
        + greatest(least(amount, 500000) - 200000, 0) * 0.015
        + greatest(least(amount, 1000000) - 500000, 0) * 0.01
        + greatest(least(amount, 2000000) - 1000000, 0) * 0.009
        + greatest(least(amount, 5000000) - 2000000, 0) * 0.008
        + greatest(least(amount, 10000000) - 5000000, 0) * 0.007
        + greatest(least(amount, 20000000) - 10000000, 0) * 0.006
        + greatest(amount - 20000000, 0) * 0.005, 2) END
$$;
