/*
Copyright 2026 The pterodactyl-operator Authors.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
*/

package panel

import (
	"fmt"
	"strings"
)

// Response shapes taken from the 1.x transformers (docs/panel-api.md).

const userAttrs = `{"id":7,"external_id":"team-a","uuid":"c4022c6c-9bf1-4a23-bff9-519cceb38335","username":"alice","email":"alice@example.com","first_name":"Alice","last_name":"Liddell","language":"en","root_admin":false,"2fa":true,"created_at":"2024-01-02T03:04:05+00:00","updated_at":"2024-01-03T03:04:05+00:00"}`

const userJSON = `{"object":"user","attributes":` + userAttrs + `,"meta":{"resource":"https://panel.example.com/api/application/users/7"}}`

const locationAttrs = `{"id":3,"short":"eu-west","long":"Amsterdam","updated_at":"2024-01-02T03:04:05+00:00","created_at":"2024-01-02T03:04:05+00:00"}`

const locationJSON = `{"object":"location","attributes":` + locationAttrs + `}`

const nodeAttrs = `{"id":2,"uuid":"2b9c1a0e-1d3e-4d4b-9a8e-8b3c1e7d1f00","public":true,"name":"node-1","description":"","location_id":3,"fqdn":"node1.example.com","scheme":"https","behind_proxy":false,"maintenance_mode":false,"memory":16384,"memory_overallocate":0,"disk":102400,"disk_overallocate":-1,"upload_size":100,"daemon_listen":8080,"daemon_sftp":2022,"daemon_base":"/srv/volumes","created_at":"2024-01-02T03:04:05+00:00","updated_at":"2024-01-02T03:04:05+00:00","allocated_resources":{"memory":4096,"disk":20480}}`

const nodeJSON = `{"object":"node","attributes":` + nodeAttrs + `}`

const allocationAttrs = `{"id":11,"ip":"10.0.0.5","alias":"play.example.com","port":25565,"notes":null,"assigned":true}`

const nestAttrs = `{"id":1,"uuid":"6a1d3b52-8b6a-4a8e-9a4c-f6a3c2e7d0a1","author":"support@pterodactyl.io","name":"Minecraft","description":"Minecraft - the classic game from Mojang.","created_at":"2024-01-02T03:04:05+00:00","updated_at":"2024-01-02T03:04:05+00:00"}`

const eggVariableAttrs = `{"id":1,"egg_id":5,"name":"Server Jar File","description":"The name of the server jarfile to run the server with.","env_variable":"SERVER_JARFILE","default_value":"server.jar","user_viewable":true,"user_editable":true,"rules":"required|regex:/^([\\w\\d._-]+)(\\.jar)$/","created_at":"2024-01-02T03:04:05.000000Z","updated_at":"2024-01-02T03:04:05.000000Z"}`

const eggAttrs = `{"id":5,"uuid":"9ac39f3d-0c34-4d93-8174-c52ab9e6c57b","name":"Paper","nest":1,"author":"parker@pterodactyl.io","description":"High performance Spigot fork.","docker_image":"ghcr.io/pterodactyl/yolks:java_17","docker_images":{"Java 17":"ghcr.io/pterodactyl/yolks:java_17","Java 11":"ghcr.io/pterodactyl/yolks:java_11"},"config":{"files":{"server.properties":{"parser":"properties","find":{"server-port":"{{server.build.default.port}}"}}},"startup":{"done":")! For help, type "},"stop":"stop","logs":[],"file_denylist":[],"extends":null},"startup":"java -Xms128M -jar {{SERVER_JARFILE}}","script":{"privileged":true,"install":"#!/bin/ash\ncurl -o server.jar ...","entry":"ash","container":"ghcr.io/pterodactyl/installers:alpine","extends":null},"created_at":"2024-01-02T03:04:05+00:00","updated_at":"2024-01-02T03:04:05+00:00","relationships":{"variables":{"object":"list","data":[{"object":"egg_variable","attributes":` + eggVariableAttrs + `}]}}}`

const databaseAttrs = `{"id":4,"server":42,"host":1,"database":"s42_main","username":"u42_AbCdEf","remote":"%","max_connections":0,"created_at":"2024-01-02T03:04:05+00:00","updated_at":"2024-01-02T03:04:05+00:00","relationships":{"password":{"object":"database_password","attributes":{"password":"s3cr3t-pw"}},"host":{"object":"database_host","attributes":{"id":1,"name":"mysql-1","host":"10.0.0.9","port":3306,"username":"pterodactyl","node":null,"created_at":"2024-01-02T03:04:05+00:00","updated_at":"2024-01-02T03:04:05+00:00"}}}}`

// serverAttrs renders a server with every include, as ?include=allocations,user,node,location,
// egg,nest,variables,databases returns it.
func serverAttrs(id int) string {
	return fmt.Sprintf(`{"id":%[1]d,"external_id":"game-%[1]d","uuid":"d3aac109-e5e0-4331-b03e-3454f7e1%04[1]d","identifier":"d3aac%03[1]d","name":"Survival %[1]d","description":"Main world","status":null,"suspended":false,`+
		`"limits":{"memory":4096,"swap":0,"disk":20480,"io":500,"cpu":200,"threads":"0-3","oom_disabled":true},`+
		`"feature_limits":{"databases":2,"allocations":3,"backups":null},"user":7,"node":2,"allocation":11,"nest":1,"egg":5,`+
		`"container":{"startup_command":"java -Xms128M -jar {{SERVER_JARFILE}}","image":"ghcr.io/pterodactyl/yolks:java_17","installed":1,"environment":{"SERVER_JARFILE":"paper.jar","BUILD_NUMBER":"latest","STARTUP":"java -jar {{SERVER_JARFILE}}","P_SERVER_LOCATION":"eu-west","P_SERVER_UUID":"d3aac109","P_SERVER_ALLOCATION_LIMIT":3}},`+
		`"updated_at":"2024-01-02T03:04:05+00:00","created_at":"2024-01-02T03:04:05+00:00",`+
		`"relationships":{"allocations":{"object":"list","data":[{"object":"allocation","attributes":`+allocationAttrs+`},{"object":"allocation","attributes":{"id":12,"ip":"10.0.0.5","alias":null,"port":25566,"notes":"rcon","assigned":true}}]},`+
		`"user":{"object":"user","attributes":`+userAttrs+`},`+
		`"node":{"object":"node","attributes":`+nodeAttrs+`},`+
		`"location":{"object":"location","attributes":`+locationAttrs+`},`+
		`"egg":{"object":"egg","attributes":{"id":5,"uuid":"9ac39f3d-0c34-4d93-8174-c52ab9e6c57b","name":"Paper","nest":1,"author":"parker@pterodactyl.io","description":"","docker_image":"ghcr.io/pterodactyl/yolks:java_17","docker_images":["ghcr.io/pterodactyl/yolks:java_17"],"config":{"files":[],"startup":{"done":"Done"},"stop":"stop","logs":{},"file_denylist":[],"extends":null},"startup":"java -jar {{SERVER_JARFILE}}","script":{"privileged":true,"install":"","entry":"ash","container":"alpine","extends":null},"created_at":"2024-01-02T03:04:05+00:00","updated_at":"2024-01-02T03:04:05+00:00"}},`+
		`"nest":{"object":"nest","attributes":`+nestAttrs+`},`+
		`"variables":{"object":"list","data":[{"object":"server_variable","attributes":{"id":1,"egg_id":5,"name":"Server Jar File","description":"","env_variable":"SERVER_JARFILE","default_value":"server.jar","user_viewable":true,"user_editable":true,"rules":"required|string|max:20","created_at":"2024-01-02T03:04:05.000000Z","updated_at":"2024-01-02T03:04:05.000000Z","server_value":"paper.jar"}},{"object":"server_variable","attributes":{"id":2,"egg_id":5,"name":"Build Number","description":"","env_variable":"BUILD_NUMBER","default_value":"latest","user_viewable":true,"user_editable":true,"rules":"required|string","created_at":"2024-01-02T03:04:05.000000Z","updated_at":"2024-01-02T03:04:05.000000Z","server_value":null}}]},`+
		`"databases":{"object":"list","data":[{"object":"databases","attributes":{"id":4,"server":%[1]d,"host":1,"database":"s%[1]d_main","username":"u%[1]d_AbCdEf","remote":"%%","max_connections":0,"created_at":"2024-01-02T03:04:05+00:00","updated_at":"2024-01-02T03:04:05+00:00"}}]}}}`, id)
}

// serverBare is a server without includes, as create returns it.
const serverBare = `{"object":"server","attributes":{"id":42,"external_id":null,"uuid":"d3aac109-e5e0-4331-b03e-3454f7e136dc","identifier":"d3aac109","name":"Survival","description":"","status":"installing","suspended":false,"limits":{"memory":4096,"swap":0,"disk":20480,"io":500,"cpu":200,"threads":null,"oom_disabled":true},"feature_limits":{"databases":0,"allocations":0,"backups":0},"user":7,"node":2,"allocation":11,"nest":1,"egg":5,"container":{"startup_command":"java -jar {{SERVER_JARFILE}}","image":"ghcr.io/pterodactyl/yolks:java_17","installed":0,"environment":{"SERVER_JARFILE":"server.jar","STARTUP":"java -jar {{SERVER_JARFILE}}","P_SERVER_LOCATION":"eu-west","P_SERVER_UUID":"d3aac109-e5e0-4331-b03e-3454f7e136dc","P_SERVER_ALLOCATION_LIMIT":0}},"updated_at":"2024-01-02T03:04:05+00:00","created_at":"2024-01-02T03:04:05+00:00"}}`

func serverJSON(id int) string { return `{"object":"server","attributes":` + serverAttrs(id) + `}` }

// listJSON wraps items into a paginated list; total pages from total/perPage. links is {} (the
// panel's empty form) unless there is a next page.
func listJSON(object string, attrs []string, page, perPage, total int) string {
	items := make([]string, len(attrs))
	for i, a := range attrs {
		items[i] = `{"object":"` + object + `","attributes":` + a + `}`
	}
	pages := (total + perPage - 1) / perPage
	links := `{}`
	if page < pages {
		links = fmt.Sprintf(`{"next":"https://panel.example.com/api/application/x?page=%d"}`, page+1)
	}
	return fmt.Sprintf(`{"object":"list","data":[%s],"meta":{"pagination":{"total":%d,"count":%d,"per_page":%d,"current_page":%d,"total_pages":%d,"links":%s}}}`,
		strings.Join(items, ","), total, len(attrs), perPage, page, pages, links)
}

// bareListJSON is an unpaginated list (eggs, databases).
func bareListJSON(object string, attrs ...string) string {
	items := make([]string, len(attrs))
	for i, a := range attrs {
		items[i] = `{"object":"` + object + `","attributes":` + a + `}`
	}
	return `{"object":"list","data":[` + strings.Join(items, ",") + `]}`
}

const nodeConfigurationJSON = `{"debug":false,"uuid":"2b9c1a0e-1d3e-4d4b-9a8e-8b3c1e7d1f00","token_id":"AbCdEfGhIjKlMnOp","token":"node-secret-token","api":{"host":"0.0.0.0","port":8080,"ssl":{"enabled":true,"cert":"/etc/letsencrypt/live/node1.example.com/fullchain.pem","key":"/etc/letsencrypt/live/node1.example.com/privkey.pem"},"upload_limit":100},"system":{"data":"/srv/volumes","sftp":{"bind_port":2022}},"allowed_mounts":[],"remote":"https://panel.example.com"}`

const clientServerJSON = `{"object":"server","attributes":{"server_owner":true,"identifier":"d3aac109","internal_id":42,"uuid":"d3aac109-e5e0-4331-b03e-3454f7e136dc","name":"Survival","node":"node-1","is_node_under_maintenance":false,"sftp_details":{"ip":"node1.example.com","port":2022},"description":"","limits":{"memory":4096,"swap":0,"disk":20480,"io":500,"cpu":200,"threads":null,"oom_disabled":true},"invocation":"java -jar paper.jar","docker_image":"ghcr.io/pterodactyl/yolks:java_17","egg_features":["eula","java_version"],"feature_limits":{"databases":2,"allocations":3,"backups":1},"status":null,"is_suspended":false,"is_installing":false,"is_transferring":false,"relationships":{"allocations":{"object":"list","data":[{"object":"allocation","attributes":{"id":11,"ip":"10.0.0.5","ip_alias":null,"port":25565,"notes":null,"is_default":true}}]},"variables":{"object":"list","data":[{"object":"egg_variable","attributes":{"name":"Server Jar File","description":"","env_variable":"SERVER_JARFILE","default_value":"server.jar","server_value":"paper.jar","is_editable":true,"rules":"required|string|max:20"}}]}}}}`

const resourcesJSON = `{"object":"stats","attributes":{"current_state":"running","is_suspended":false,"resources":{"memory_bytes":1073741824,"cpu_absolute":37.5,"disk_bytes":524288000,"network_rx_bytes":1024,"network_tx_bytes":2048,"uptime":3600000}}}`

const websocketJSON = `{"data":{"token":"eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.e30.sig","socket":"wss://node1.example.com:8080/api/servers/d3aac109-e5e0-4331-b03e-3454f7e136dc/ws"}}`

const backupAttrs = `{"uuid":"0f4e2c5a-6a43-4a8e-9d1f-2c3b4a5d6e7f","is_successful":true,"is_locked":false,"name":"nightly","ignored_files":["logs"],"checksum":"sha1:2fd4e1c67a2d28fced849ee1bb76e7391b93eb12","bytes":1048576,"created_at":"2024-01-02T03:04:05+00:00","completed_at":"2024-01-02T03:05:05+00:00"}`

const taskAttrs = `{"id":9,"sequence_id":1,"action":"power","payload":"restart","time_offset":30,"is_queued":false,"continue_on_failure":true,"created_at":"2024-01-02T03:04:05+00:00","updated_at":"2024-01-02T03:04:05+00:00"}`

const scheduleAttrs = `{"id":3,"name":"nightly","cron":{"day_of_week":"*","day_of_month":"*","month":"*","hour":"4","minute":"30"},"is_active":true,"is_processing":false,"only_when_online":false,"last_run_at":null,"next_run_at":"2024-01-03T04:30:00+00:00","created_at":"2024-01-02T03:04:05+00:00","updated_at":"2024-01-02T03:04:05+00:00","relationships":{"tasks":{"object":"list","data":[{"object":"schedule_task","attributes":` + taskAttrs + `}]}}}`

const clientSubuserAttrs = `{"uuid":"c4022c6c-9bf1-4a23-bff9-519cceb38335","username":"alice","email":"alice@example.com","image":"https://gravatar.com/avatar/c160f8cc69a4f0bf2b0362752353d060","2fa_enabled":false,"created_at":"2024-01-02T03:04:05+00:00","permissions":["control.console","websocket.connect"]}`
