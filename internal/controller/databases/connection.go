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

package databases

import (
	"fmt"
	"net"
	"net/url"
	"strconv"

	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// Keys of the connection Secret.
const (
	KeyHost     = "host"
	KeyPort     = "port"
	KeyDatabase = "database"
	KeyUsername = "username"
	KeyPassword = "password"
	KeyURI      = "uri"
)

// maxDatabaseName is the panel's column width for database names: it cuts s<serverId>_<name>.
const maxDatabaseName = 48

// panelName is the name the panel stores a database under: s<serverId>_<database>, cut to 48
// characters. It is unique per server, so it identifies the database before its id is known.
func panelName(serverID int, database string) string {
	name := fmt.Sprintf("s%d_%s", serverID, database)
	if len(name) > maxDatabaseName {
		name = name[:maxDatabaseName]
	}
	return name
}

// connectionData is the content of the connection Secret, from a database read with the
// "password" and "host" includes. ok is false when either include is missing.
func connectionData(db *panel.ServerDatabase) (data map[string][]byte, ok bool) {
	pw, host := db.Relationships.Password, db.Relationships.Host
	if pw == nil || host == nil {
		return nil, false
	}
	port := strconv.Itoa(host.Port)
	uri := url.URL{
		Scheme: "mysql",
		User:   url.UserPassword(db.Username, pw.Password),
		Host:   net.JoinHostPort(host.Host, port),
		Path:   "/" + db.Database,
	}
	return map[string][]byte{
		KeyHost:     []byte(host.Host),
		KeyPort:     []byte(port),
		KeyDatabase: []byte(db.Database),
		KeyUsername: []byte(db.Username),
		KeyPassword: []byte(pw.Password),
		KeyURI:      []byte(uri.String()),
	}, true
}
