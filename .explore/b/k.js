export {default} from "ky"
