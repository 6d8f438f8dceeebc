import type { PeerDimension, PeerReview } from '../../../../plugin/domain/types.ts';
import type { ApiClient } from '../../api/client.ts';

/** A review as the server answers it: never with its reviewer. */
export type MyReview = Omit<PeerReview, 'reviewerId'>;

export interface CrossRegionPair {
  reviewerId: string;
  revieweeId: string;
}

export interface ReviewWindow {
  quarter: string;
  state: 'open' | 'closed';
  closesOn: string | null;
  takesReviews: boolean;
  /** HR and admins only. */
  crossRegion?: CrossRegionPair[];
}

export interface Assignment {
  personId: string;
  name: string;
  regionName: string;
  crossRegion: boolean;
  review: MyReview | null;
}

export interface MyAssignments {
  window: ReviewWindow | null;
  reviewees: Assignment[];
  done: number;
  total: number;
}

export interface Completion {
  window: ReviewWindow | null;
  people: { personId: string; name: string; regionName: string; done: number; total: number }[];
  done: number;
  total: number;
}

/** The anonymous aggregate of one person's reviews in a quarter. */
export interface ReviewSummary {
  count: number;
  minReviewers: number;
  shown: boolean;
  averages: Record<PeerDimension, number> | null;
  comments: string[];
  windowOpen?: boolean;
}

export interface ReviewBody {
  scores: Record<PeerDimension, number>;
  comment?: string;
}

const q = encodeURIComponent;

/** Calls of the peer-review routes (host/server/routes/peer-reviews.ts). */
export function peerReviewEndpoints(api: ApiClient) {
  return {
    peerReviewWindows: () => api.get<ReviewWindow[]>('/api/peer-review-windows'),
    openPeerReviewWindow: (body: { quarter: string; closesOn?: string; crossRegion: CrossRegionPair[] }) =>
      api.post<ReviewWindow>('/api/peer-review-windows', body),
    closePeerReviewWindow: (quarter: string) =>
      api.post<ReviewWindow>(`/api/peer-review-windows/${q(quarter)}/close`),
    peerReviewCompletion: (quarter: string) =>
      api.get<Completion>(`/api/peer-review-windows/${q(quarter)}/completion`),
    myPeerReviewAssignments: () => api.get<MyAssignments>('/api/peer-reviews/assignments'),
    submitPeerReview: (body: ReviewBody & { quarter: string; revieweeId: string }) =>
      api.post<MyReview>('/api/peer-reviews', body),
    updatePeerReview: (id: string, body: ReviewBody) => api.put<MyReview>(`/api/peer-reviews/${q(id)}`, body),
    peerReviewSummary: (personId: string, quarter: string) =>
      api.get<ReviewSummary>(`/api/peer-reviews/summary/${q(personId)}`, { quarter }),
  };
}
