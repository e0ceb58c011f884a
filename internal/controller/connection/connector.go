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

package connection

import (
	"context"

	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

// Connector implements managed.Connector for a kind: it connects to the object's Panel and hands
// the connection to the kind's External constructor.
type Connector[O managed.Object] struct {
	Registry    *Registry
	NewExternal func(conn *Conn) managed.External[O]
}

// Connect implements managed.Connector.
func (c Connector[O]) Connect(ctx context.Context, o O) (managed.External[O], managed.Connection, error) {
	conn, err := c.Registry.Connect(ctx, o.GetManagedSpec().GetPanelName())
	if err != nil {
		return nil, nil, err
	}
	return c.NewExternal(conn), conn, nil
}
