import type { DepartmentList } from '@hotline/shared/contracts/departments';
import { http } from '../../app/http';

/** 承办单位: city departments, districts, streets and public enterprises. */
export function listDepartments(): Promise<DepartmentList> {
  return http.get<DepartmentList>('/api/departments');
}
