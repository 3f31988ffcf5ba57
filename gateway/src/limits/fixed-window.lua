--[[
  Counts one hit in each of several fixed windows, atomically, in one round trip.

  KEYS[i]  the counter of the i-th limit for the current window (the window's start is part of the key)
  ARGV[i]  how long that counter lives, in ms (its window's length; the caller's clock chose the window)

  Returns  the count of each key after this hit, in KEYS order.
  A counter gets its expiry when created, so an ended window's key disappears on its own.
]]
local counts = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 then
    redis.call('PEXPIRE', key, ARGV[i])
  end
  counts[i] = count
end
return counts
