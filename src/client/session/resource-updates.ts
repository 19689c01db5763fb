/**
 * Hands the server's `notifications/resources/updated` to the workload's notification listener (SessionEvents), so
 * the updates of its subscriptions (`subscribe:` operations) are counted. On whenever the runner listens for
 * notifications; it only forwards, with the receipt time on the injected clock.
 */
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import type { SessionFeatureDeclaration } from './feature.js';

export const resourceUpdates: SessionFeatureDeclaration = {
  name: 'resource-updates',
  build({ clock, setup }) {
    const listener = setup.events?.notification;
    if (listener === undefined) return null;
    return {
      beforeInitialize(client) {
        client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
          listener(notification.method, notification.params, clock.nowUs());
        });
      },
    };
  },
};
