-- Argo CD health check for the kinds of pterodactyl-operator (group pterodactyl.gameops.dev).
-- Every kind writes the same conditions (docs/gitops.md#health), so this one script serves all of
-- them; config/argocd/health/<group>/<Kind>/health.lua are copies, one per kind, as Argo CD wants.
--
--   Progressing  no status yet, or status.observedGeneration behind metadata.generation
--   Suspended    Synced=False, reason Paused: the paused annotation is set
--   Degraded     Stalled=True: the object waits for a person (a spec the panel refused, a refused
--                key, a missing clientKey, a failed install, an adopted object gone from the panel)
--   Healthy      Ready=True
--   Progressing  anything else: the operator is still at work (Creating, Installing,
--                ReferenceNotReady, PanelUnavailable, RateLimited, ...)
--
-- Flux's kstatus reads the same conditions the same way (Stalled=True is Failed, Ready=True is
-- Current); internal/health's tests check that both agree. Argo CD runs custom checks without
-- Lua's string library, so the script uses plain operators only.
local hs = { status = "Progressing", message = "Waiting for the operator to report status." }
if obj.status == nil or obj.status.conditions == nil then
  return hs
end
if obj.status.observedGeneration == nil or obj.status.observedGeneration ~= obj.metadata.generation then
  hs.message = "Waiting for the operator to observe the latest spec."
  return hs
end

local conditions = {}
for _, c in ipairs(obj.status.conditions) do
  conditions[c.type] = c
end
local function describe(c)
  if c.message == nil or c.message == "" then
    return c.reason or ""
  end
  return (c.reason or "") .. ": " .. c.message
end

local synced, ready, stalled = conditions["Synced"], conditions["Ready"], conditions["Stalled"]
if synced ~= nil and synced.status == "False" and synced.reason == "Paused" then
  hs.status = "Suspended"
  hs.message = describe(synced)
  return hs
end
if stalled ~= nil and stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = describe(stalled)
  return hs
end
if ready ~= nil and ready.status == "True" and (synced == nil or synced.status ~= "False") then
  hs.status = "Healthy"
  hs.message = ready.message or ""
  return hs
end
local waiting = ready
if synced ~= nil and synced.status == "False" then
  waiting = synced
end
if waiting ~= nil then
  hs.message = describe(waiting)
end
return hs
