import { routeHref } from '../../shell/use-route';

export const groupHref = (groupId: string): string => routeHref('groups', groupId);
