-- wrk script: every request to the URL's path with a tracking parameter never sent before.
local thread_id = 0
local counter = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
end

function request()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "?utm_source=" .. id .. "-" .. counter .. "-" .. math.random(1, 1000000000))
end
