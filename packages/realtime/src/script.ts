/**
 * Numbers, buffers and publishes one event atomically, so every API instance sees the same seq and PUBLISH order
 * equals seq order. KEYS: seq counter, replay buffer (sorted set scored by seq), job-owner key.
 * ARGV: pub/sub channel, type, client channel name, ts, data JSON, buffer max length, buffer max age ms,
 * job owner ('' for none), ttl ms for per-job keys ('0' for none).
 * `type` and the channel name are checked by the caller to need no JSON escaping.
 */
export const PUBLISH_LUA = `
local seq = redis.call('INCR', KEYS[1])
local frame = '{"type":"' .. ARGV[2] .. '","channel":"' .. ARGV[3] .. '","seq":' .. seq ..
  ',"ts":' .. ARGV[4] .. ',"data":' .. ARGV[5] .. '}'
redis.call('ZADD', KEYS[2], seq, frame)
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[6]) + 1))
redis.call('PEXPIRE', KEYS[2], ARGV[7])
if ARGV[8] ~= '' then
  redis.call('SET', KEYS[3], ARGV[8], 'NX')
  redis.call('PEXPIRE', KEYS[3], ARGV[9])
  redis.call('PEXPIRE', KEYS[1], ARGV[9])
end
redis.call('PUBLISH', ARGV[1], frame)
return seq
`;
